namespace ServiceReview.Web.Features.Results;

/// <summary>An indicator's mean points over confirmed inspections (N/A left out), and that mean as a share of its maximum.</summary>
public sealed record IndicatorAverage(string Code, string Name, decimal Max, decimal? MeanPoints, int Scored, int NotApplicable)
{
    /// <summary>Mean points ÷ maximum (0–1), the measure of weakness used to sort; null when nothing was scored.</summary>
    public decimal? Share => MeanPoints is { } mean && Max > 0 ? mean / Max : null;
}

/// <summary>
/// Descriptive statistics over a round's results for the evaluation workbook and the dashboards. These are not scoring
/// rules (no total or grade comes from here): they read the points the engine stored, over each team's counted
/// inspections only (<see cref="TeamResult.Counted"/>), as the team results do. Means are rounded once by the caller.
/// </summary>
public static class IndicatorStatistics
{
    /// <summary>
    /// Per indicator over the counted inspections of the given teams (all when null), weakest first (lowest share of
    /// maximum). An inspection the trimmed mean dropped counts in no figure of its team, so not here either.
    /// </summary>
    public static IReadOnlyList<IndicatorAverage> WeakestFirst(RoundResults results, IReadOnlyCollection<int>? teamIds = null)
    {
        var confirmed = results.Teams
            .Where(t => teamIds is null || teamIds.Contains(t.TeamId))
            .SelectMany(t => t.Inspections.Where(i => t.Counted.Contains(i.Id)))
            .ToList();
        return results.Indicators
            .Select(ind => Average(ind.Code, ind.Name, ind.Max, confirmed))
            .OrderBy(a => a.Share ?? decimal.MaxValue)
            .ThenBy(a => a.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static IndicatorAverage Average(string code, string name, decimal max, IReadOnlyList<InspectionResult> inspections)
    {
        var items = inspections.Select(i => i.Items.FirstOrDefault(it => it.Code == code)).OfType<ItemResult>().ToList();
        var points = items.Where(it => !it.Input.NotApplicable && it.Points is not null).Select(it => it.Points!.Value).ToList();
        return new IndicatorAverage(code, name, max, points.Count == 0 ? null : points.Average(), points.Count, items.Count(it => it.Input.NotApplicable));
    }

    /// <summary>The team's grade counts for a grade-distribution chart, in the plan's grade order, then no result.</summary>
    public static IReadOnlyList<(string Grade, int Teams)> GradeDistribution(RoundResults results, IReadOnlyList<string> gradesInOrder) =>
        gradesInOrder.Select(g => (g, results.Teams.Count(t => t.Grade == g))).ToList();

    /// <summary>
    /// Mean category score across teams (each team's category mean over its counted inspections), at full precision
    /// from the full-precision team means, for the radar chart: the caller rounds once.
    /// </summary>
    public static IReadOnlyList<(string Code, string Name, decimal Weight, decimal? Mean)> CategoryMeans(RoundResults results)
    {
        if (results.Teams.Count == 0)
        {
            return [];
        }

        return results.Teams[0].Categories.Select(c =>
        {
            var scores = results.Teams.Select(t => t.CategoryMeans.GetValueOrDefault(c.Code)).OfType<decimal>().ToList();
            return (c.Code, c.Name, c.Weight, scores.Count == 0 ? (decimal?)null : scores.Average());
        }).ToList();
    }
}
