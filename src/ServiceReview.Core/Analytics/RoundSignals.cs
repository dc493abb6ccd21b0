using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Analytics;

/// <summary>Warning signs on a round's results that may be inflated or deflated (虚高 / 虚低).</summary>
public enum SignalKind
{
    /// <summary>An inspector marks far more indicators N/A than the other inspectors of the round (N/A can raise a score).</summary>
    NotApplicableRate,

    /// <summary>Most teams score at the ceiling: the plan no longer tells teams apart.</summary>
    Ceiling,

    /// <summary>A measured value was overridden against the service records.</summary>
    OverriddenMeasure,

    /// <summary>An extreme score (top or bottom) whose note is shorter than the set length.</summary>
    ThinEvidence,

    /// <summary>An inspection filled in much faster than the median for its plan.</summary>
    FastFill,
}

/// <summary>
/// The bounds of the signals. Defaults: N/A rate 10 percentage points above the other inspectors'; ceiling when more
/// than half the teams average ≥ 95; a note under 10 characters on an extreme score is thin; filled in less than 40 %
/// of the plan's median time (median over at least 5 inspections) is fast.
/// </summary>
public sealed record SignalBounds
{
    public static readonly SignalBounds Default = new();

    public double NotApplicableMargin { get; init; } = 0.10;

    public double CeilingScore { get; init; } = 95;

    public double CeilingShare { get; init; } = 0.5;

    public int MinEvidenceLength { get; init; } = 10;

    public double FastShareOfMedian { get; init; } = 0.4;

    public int MinInspectionsForMedian { get; init; } = 5;
}

/// <summary>One inspection as the signals see it (submitted, disputed or confirmed).</summary>
public sealed record SignalInspection(int Id, int TeamId, int InspectorId, int PlanVersionId, double? TotalBeforeVeto, int TimeSpentSeconds);

/// <summary>One indicator of an inspection as the signals see it.</summary>
public sealed record SignalEntry(int InspectionId, string IndicatorCode, bool NotApplicable, bool Overridden, bool Extreme, int NoteLength);

/// <summary>
/// A signal: what, about whom (an inspector, or null for the round), the inspections behind it, the indicators
/// concerned, and the figure with the reference it was compared to (N/A rate vs the others' rate; share of teams at
/// the ceiling vs the bound; shortest note vs the required length; seconds vs the plan's median; overrides vs 0).
/// </summary>
public sealed record Signal(SignalKind Kind, int? InspectorId, IReadOnlyList<int> InspectionIds, IReadOnlyList<string> IndicatorCodes, double Value, double Reference);

/// <summary>The round dashboard's signals, computed from plain rows so they can be tested without a database.</summary>
public static class RoundSignals
{
    /// <summary>
    /// An extreme score on a judged (not measured) indicator: a rating at its top or bottom level, a failed check, a
    /// deduction that took every point.
    /// </summary>
    public static bool IsExtreme(Indicator indicator, decimal? points)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (points is null || indicator.Measure is not null)
        {
            return false;
        }

        return indicator.Kind switch
        {
            RuleKind.Rating => points == 0 || points == indicator.Max,
            RuleKind.Check or RuleKind.Deduction => points == 0,
            _ => false,
        };
    }

    /// <summary>Median seconds per plan version, from the times of that plan's inspections (null: too few).</summary>
    public static double? Median(IReadOnlyCollection<int> seconds, SignalBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(bounds);
        if (seconds.Count < Math.Max(1, bounds.MinInspectionsForMedian))
        {
            return null;
        }

        var sorted = seconds.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public static IReadOnlyList<Signal> Compute(
        IReadOnlyList<SignalInspection> inspections,
        IReadOnlyList<SignalEntry> entries,
        IReadOnlyDictionary<int, double> medianSecondsByPlan,
        SignalBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(inspections);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(medianSecondsByPlan);
        bounds ??= SignalBounds.Default;
        var signals = new List<Signal>();
        var inspectorOf = inspections.ToDictionary(i => i.Id, i => i.InspectorId);
        var known = entries.Where(e => inspectorOf.ContainsKey(e.InspectionId)).ToList();

        signals.AddRange(NotApplicableRates(inspections, known, inspectorOf, bounds));
        signals.AddRange(Ceiling(inspections, bounds));
        foreach (var group in known.Where(e => e.Overridden).GroupBy(e => e.InspectionId))
        {
            signals.Add(new Signal(SignalKind.OverriddenMeasure, inspectorOf[group.Key], [group.Key], Codes(group), group.Count(), 0));
        }

        foreach (var group in known.Where(e => e.Extreme && e.NoteLength < bounds.MinEvidenceLength).GroupBy(e => e.InspectionId))
        {
            signals.Add(new Signal(SignalKind.ThinEvidence, inspectorOf[group.Key], [group.Key], Codes(group), group.Min(e => e.NoteLength), bounds.MinEvidenceLength));
        }

        foreach (var inspection in inspections)
        {
            if (medianSecondsByPlan.TryGetValue(inspection.PlanVersionId, out var median) && median > 0
                && inspection.TimeSpentSeconds < bounds.FastShareOfMedian * median)
            {
                signals.Add(new Signal(SignalKind.FastFill, inspection.InspectorId, [inspection.Id], [], inspection.TimeSpentSeconds, median));
            }
        }

        return signals;
    }

    private static List<Signal> NotApplicableRates(
        IReadOnlyList<SignalInspection> inspections, List<SignalEntry> entries, Dictionary<int, int> inspectorOf, SignalBounds bounds)
    {
        var byInspector = entries.GroupBy(e => inspectorOf[e.InspectionId]).ToList();
        var signals = new List<Signal>();
        if (byInspector.Count < 2)
        {
            return signals;
        }

        // The others' counts are the round's minus the inspector's: one pass, not one pass per inspector.
        var allNa = entries.Count(e => e.NotApplicable);
        foreach (var mine in byInspector)
        {
            var myCount = mine.Count();
            var othersCount = entries.Count - myCount;
            var myNa = mine.Count(e => e.NotApplicable);
            if (myNa == 0 || othersCount == 0)
            {
                continue;
            }

            var rate = (double)myNa / myCount;
            var peers = (double)(allNa - myNa) / othersCount;
            if (rate - peers > bounds.NotApplicableMargin)
            {
                var withNa = mine.Where(e => e.NotApplicable).Select(e => e.InspectionId).ToHashSet();
                var ids = inspections.Where(i => i.InspectorId == mine.Key && withNa.Contains(i.Id)).Select(i => i.Id).ToList();
                signals.Add(new Signal(SignalKind.NotApplicableRate, mine.Key, ids, Codes(mine.Where(e => e.NotApplicable)), rate, peers));
            }
        }

        return signals;
    }

    private static List<Signal> Ceiling(IReadOnlyList<SignalInspection> inspections, SignalBounds bounds)
    {
        var teams = inspections.Where(i => i.TotalBeforeVeto.HasValue)
            .GroupBy(i => i.TeamId)
            .Select(g => (Mean: g.Average(i => i.TotalBeforeVeto!.Value), Ids: g.Select(i => i.Id).ToList()))
            .ToList();
        if (teams.Count < 2)
        {
            return [];
        }

        var high = teams.Where(t => t.Mean >= bounds.CeilingScore).ToList();
        var share = (double)high.Count / teams.Count;
        return share > bounds.CeilingShare
            ? [new Signal(SignalKind.Ceiling, null, high.SelectMany(t => t.Ids).ToList(), [], share, bounds.CeilingShare)]
            : [];
    }

    private static List<string> Codes(IEnumerable<SignalEntry> entries) =>
        entries.Select(e => e.IndicatorCode).Distinct().Order(StringComparer.Ordinal).ToList();
}
