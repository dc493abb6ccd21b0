namespace ServiceReview.Core.Analytics;

/// <summary>An inspector's lean: scores higher (宽) or lower (严) than the others who judged the same teams.</summary>
public enum BiasFlag
{
    Lenient,
    Severe,
}

/// <summary>
/// When a mean difference is flagged: beyond <see cref="MinDifference"/> points, over at least <see cref="MinShared"/>
/// shared inspections, and (when <see cref="RequireSignificance"/>) with a 95 % interval that excludes 0.
/// </summary>
public sealed record BiasBounds
{
    public static readonly BiasBounds Default = new();

    public double MinDifference { get; init; } = 5;

    public int MinShared { get; init; } = 5;

    public bool RequireSignificance { get; init; } = true;
}

/// <summary>One score to compare: an inspector's value (total or a category score) for one team in one round.</summary>
public sealed record ScoreObservation<TInspector>(TInspector Inspector, int RoundId, int TeamId, double Value)
    where TInspector : notnull;

/// <summary>An inspector's mean difference from the others of the same team and round, and its flag.</summary>
public sealed record InspectorDifference<TInspector>(TInspector Inspector, int Scored, MeanWithInterval? Difference, BiasFlag? Flag)
    where TInspector : notnull
{
    /// <summary>Inspections that had at least one other inspector to compare with.</summary>
    public int Shared => Difference?.Count ?? 0;
}

/// <summary>
/// Inspector bias (宽严度): for each of an inspector's scores, the difference from the mean of the other inspectors'
/// scores of the same team in the same round; then the mean of those differences with its standard error and 95 %
/// interval. A score with no other inspector beside it cannot be compared and is not counted as shared.
/// </summary>
public static class InspectorBias
{
    public static IReadOnlyList<InspectorDifference<TInspector>> Compute<TInspector>(
        IEnumerable<ScoreObservation<TInspector>> observations, BiasBounds? bounds = null)
        where TInspector : notnull
    {
        ArgumentNullException.ThrowIfNull(observations);
        bounds ??= BiasBounds.Default;
        var all = observations.ToList();
        var groups = all.GroupBy(o => (o.RoundId, o.TeamId)).ToDictionary(g => g.Key, g => g.ToList());
        var differences = new Dictionary<TInspector, List<double>>();
        foreach (var group in groups.Values)
        {
            var sum = group.Sum(o => o.Value);
            foreach (var mine in group)
            {
                var list = differences.TryGetValue(mine.Inspector, out var l) ? l : differences[mine.Inspector] = [];
                if (group.Count >= 2)
                {
                    list.Add(mine.Value - ((sum - mine.Value) / (group.Count - 1)));
                }
            }
        }

        // Counted once (not a pass over every observation for each inspector).
        var scoredBy = all.CountBy(o => o.Inspector).ToDictionary(c => c.Key, c => c.Value);
        return differences
            .Select(d =>
            {
                var stats = MeanWithInterval.Of(d.Value);
                var scored = scoredBy[d.Key];
                return new InspectorDifference<TInspector>(d.Key, scored, stats, FlagFor(stats, bounds));
            })
            .ToList();
    }

    /// <summary>The flag for a mean difference under <paramref name="bounds"/> (null: within bounds or too few data).</summary>
    public static BiasFlag? FlagFor(MeanWithInterval? difference, BiasBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (difference is null || difference.Count < bounds.MinShared || Math.Abs(difference.Mean) <= bounds.MinDifference)
        {
            return null;
        }

        if (bounds.RequireSignificance && !difference.ExcludesZero)
        {
            return null;
        }

        return difference.Mean > 0 ? BiasFlag.Lenient : BiasFlag.Severe;
    }
}
