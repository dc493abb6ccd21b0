using ServiceReview.Core.Common;

namespace ServiceReview.Core.Plans;

/// <summary>An evaluation plan (评估方案): a name and its numbered versions.</summary>
public sealed class EvaluationPlan : Entity
{
    private readonly List<PlanVersion> _versions = [];

    private EvaluationPlan()
    {
        Name = string.Empty;
    }

    public EvaluationPlan(string name, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    public IReadOnlyList<PlanVersion> Versions => _versions;

    public int NextVersionNumber => _versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1;

    public void Rename(string name, string? description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    /// <summary>Adds an empty draft with the next number, named after the plan.</summary>
    public PlanVersion AddDraft(IEnumerable<GradeBound>? gradeBounds = null)
    {
        var draft = new PlanVersion(Name, NextVersionNumber, gradeBounds);
        _versions.Add(draft);
        return draft;
    }

    /// <summary>Adds a draft copy of <paramref name="source"/> (one of this plan's versions) with the next number.</summary>
    public PlanVersion AddDraftCopyOf(PlanVersion source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!_versions.Contains(source))
        {
            throw new DomainException("Plan.VersionNotInPlan", $"Version {source.Number} does not belong to plan '{Name}'.", source.Number, Name);
        }

        var draft = source.CopyAsDraft(NextVersionNumber);
        _versions.Add(draft);
        return draft;
    }
}
