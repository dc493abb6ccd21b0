using ServiceReview.Core.Common;

namespace ServiceReview.Core.Scoring;

/// <summary>One category's share of an inspection's score.</summary>
/// <param name="Score">weight × Σ points / Σ max over the applicable indicators, rounded to one decimal; null when excluded.</param>
/// <param name="Excluded">Every indicator of the category is N/A (or not scored yet), so it leaves the total's denominator.</param>
public sealed record CategoryScore(string Code, string Name, decimal Weight, decimal? Score, bool Excluded);

/// <summary>The score of one inspection record (or of the live preview of one), as scoring.md defines it.</summary>
public sealed class ScoreResult
{
    public required IReadOnlyList<CategoryScore> Categories { get; init; }

    /// <summary>Rounded to one decimal; 0 when vetoed or when nothing was applicable.</summary>
    public required decimal Total { get; init; }

    /// <summary>The rounded total the inspection would have had without the veto.</summary>
    public required decimal TotalBeforeVeto { get; init; }

    /// <summary>From the plan's grade bounds applied to the rounded total; 不合格 when vetoed or nothing applicable.</summary>
    public required string Grade { get; init; }

    /// <summary>The code of the first critical indicator (in plan order) that earned 0, or null.</summary>
    public string? VetoedBy { get; init; }

    /// <summary>Indicators with no input yet, in plan order; they were scored as if N/A.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>Indicators whose input needs a note (evidence rule) and has none, in plan order.</summary>
    public required IReadOnlyList<string> MissingEvidence { get; init; }

    /// <summary>Points per indicator code, in plan order; null for N/A or missing. Not rounded.</summary>
    public required IReadOnlyDictionary<string, decimal?> Points { get; init; }

    /// <summary>Every category was excluded: there is nothing to score, so the result cannot be submitted.</summary>
    public bool NothingApplicable { get; init; }

    public bool IsVetoed => VetoedBy is not null;

    /// <summary>Every indicator has an input and every note the evidence rule asks for is there.</summary>
    public bool IsComplete => Missing.Count == 0 && MissingEvidence.Count == 0;

    /// <summary>
    /// Refuses a result an inspector may not submit: <c>Scoring.Incomplete</c> (arguments: the missing codes and the
    /// codes lacking evidence, each comma-separated) or <c>Scoring.NothingApplicable</c>.
    /// </summary>
    public void EnsureSubmittable()
    {
        if (!IsComplete)
        {
            var missing = string.Join(", ", Missing);
            var evidence = string.Join(", ", MissingEvidence);
            throw new DomainException(
                "Scoring.Incomplete",
                $"The inspection cannot be submitted. Not scored: [{missing}]. Note required: [{evidence}].",
                missing,
                evidence);
        }

        if (NothingApplicable)
        {
            throw new DomainException(
                "Scoring.NothingApplicable",
                "Every indicator is marked not applicable, so there is nothing to score; ask the manager to take the team out of the round instead.");
        }
    }
}
