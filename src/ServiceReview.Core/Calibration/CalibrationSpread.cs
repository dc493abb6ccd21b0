using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Calibration;

/// <summary>How the inspectors' points on one indicator (or the total) spread around the manager's reference.</summary>
public sealed record SpreadRow(
    string Code, string Name, decimal Max, decimal? Reference, IReadOnlyList<(int PersonId, decimal? Points)> Inspectors,
    decimal? Min, decimal? MaxGiven, double? MeanAbsoluteDifference)
{
    /// <summary>Max − min of the inspectors' points (null when fewer than one scored).</summary>
    public decimal? Range => Min is { } min && MaxGiven is { } max ? max - min : null;
}

/// <summary>The revealed view of a calibration exercise: per indicator and for the total, each inspector against the reference.</summary>
public static class CalibrationSpread
{
    public static IReadOnlyList<SpreadRow> Compute(CalibrationExercise exercise, PlanVersion plan)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(plan);
        var reference = exercise.Scores.Single(s => s.IsReference);
        var inspectors = exercise.Scores.Where(s => !s.IsReference && s.SubmittedAt is not null).OrderBy(s => s.PersonId).ToList();
        var rows = plan.IndicatorsInOrder()
            .Select(indicator => Row(indicator.Code, indicator.Name, indicator.Max, PointsOf(reference, indicator.Code),
                inspectors.Select(s => (s.PersonId, PointsOf(s, indicator.Code))).ToList()))
            .ToList();
        rows.Add(Row("Σ", "", 100, reference.TotalBeforeVeto, inspectors.Select(s => (s.PersonId, s.TotalBeforeVeto)).ToList()));
        return rows;
    }

    private static decimal? PointsOf(CalibrationScore score, string code) =>
        score.Entries.FirstOrDefault(e => e.IndicatorCode == code)?.Points;

    private static SpreadRow Row(string code, string name, decimal max, decimal? reference, List<(int PersonId, decimal? Points)> given)
    {
        var values = given.Where(g => g.Points is not null).Select(g => g.Points!.Value).ToList();
        double? mad = reference is { } r && values.Count > 0 ? values.Average(v => (double)Math.Abs(v - r)) : null;
        return new SpreadRow(code, name, max, reference, given, values.Count > 0 ? values.Min() : null, values.Count > 0 ? values.Max() : null, mad);
    }
}
