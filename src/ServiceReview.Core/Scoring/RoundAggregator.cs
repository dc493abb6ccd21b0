using ServiceReview.Core.Rounds;

namespace ServiceReview.Core.Scoring;

/// <summary>One confirmed inspection as a team's aggregation sees it: its totals, when it was submitted, and its
/// category scores and indicator points by code (null for a category left out or an indicator N/A).</summary>
public sealed record CountableInspection(
    int Id, decimal Total, decimal TotalBeforeVeto, DateTime SubmittedAt,
    IReadOnlyDictionary<string, decimal?> CategoryScores, IReadOnlyDictionary<string, decimal?> Points)
{
    private static readonly IReadOnlyDictionary<string, decimal?> None = new Dictionary<string, decimal?>();

    /// <summary>
    /// A stored confirmed inspection: without a total before veto it is the total; without a submission time it sorts
    /// last among equal totals. Without category scores and points it serves to choose the counted ones only.
    /// </summary>
    public static CountableInspection Of(
        int id, decimal total, decimal? totalBeforeVeto, DateTime? submittedAt,
        IReadOnlyDictionary<string, decimal?>? categoryScores = null, IReadOnlyDictionary<string, decimal?>? points = null) =>
        new(id, total, totalBeforeVeto ?? total, submittedAt ?? DateTime.MaxValue, categoryScores ?? None, points ?? None);
}

/// <summary>
/// A team's figures in a round: <see cref="Total"/> (rounded once), the mean of the counted totals before veto, and
/// the means of each category and indicator over the <see cref="Counted"/> inspections (full precision);
/// <see cref="Dropped"/> holds what the trimmed mean left out.
/// </summary>
public sealed record TeamAggregate(
    decimal? Total, decimal? TotalBeforeVeto, bool Trimmed, IReadOnlyList<int> Counted, IReadOnlyList<int> Dropped,
    IReadOnlyDictionary<string, decimal?> Categories, IReadOnlyDictionary<string, decimal?> Points)
{
    /// <summary>Trimmed from exactly three: the middle inspection alone decides the team's figures.</summary>
    public bool MiddleAloneDecides => Trimmed && Counted.Count == 1;
}

/// <summary>From confirmed inspection totals to a team's round score, and from round scores to ranks.</summary>
public static class RoundAggregator
{
    /// <summary>
    /// A team's figures in a round (scoring.md, "A team's result in a round"). First the <i>counted</i> inspections are
    /// chosen: all confirmed ones, or — with the trimmed mean and three or more — all but one with the highest and one
    /// with the lowest total; among equal totals the earlier submission (then the lower id) is the one dropped. Then
    /// every figure is the mean over those same counted inspections: the total (rounded once), each category's score
    /// and each indicator's points (full precision; round them where they are shown). So the category means add up to
    /// the mean of the counted totals before veto whenever no counted inspection left a category out.
    /// </summary>
    public static TeamAggregate AggregateTeam(IReadOnlyList<CountableInspection> confirmed, AggregationMethod method)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        if (confirmed.Count == 0)
        {
            return new TeamAggregate(null, null, false, [], [], Empty, Empty);
        }

        var trim = method == AggregationMethod.TrimmedMean && confirmed.Count >= 3;
        var dropped = new List<CountableInspection>();
        if (trim)
        {
            // Earlier submission first among equal totals: ordering by (total, submitted, id) puts the earliest of the
            // lowest first; ordering by (total descending, submitted, id) puts the earliest of the highest first.
            var highest = confirmed.OrderByDescending(i => i.Total).ThenBy(i => i.SubmittedAt).ThenBy(i => i.Id).First();
            var lowest = confirmed.Where(i => i != highest).OrderBy(i => i.Total).ThenBy(i => i.SubmittedAt).ThenBy(i => i.Id).First();
            dropped.Add(highest);
            dropped.Add(lowest);
        }

        var counted = confirmed.Where(i => !dropped.Contains(i)).ToList();
        return new TeamAggregate(
            ScoreRounding.Round(counted.Sum(i => i.Total) / counted.Count),
            counted.Sum(i => i.TotalBeforeVeto) / counted.Count,
            trim,
            [.. counted.Select(i => i.Id)],
            [.. dropped.Select(i => i.Id)],
            MeanByKey(counted, i => i.CategoryScores),
            MeanByKey(counted, i => i.Points));
    }

    private static readonly IReadOnlyDictionary<string, decimal?> Empty = new Dictionary<string, decimal?>();

    /// <summary>Per key, the mean over the inspections that have a value for it (null when none has).</summary>
    private static Dictionary<string, decimal?> MeanByKey(IReadOnlyList<CountableInspection> counted, Func<CountableInspection, IReadOnlyDictionary<string, decimal?>> values)
    {
        // Ordered by code, so the result does not depend on the order a database returned the rows in.
        var keys = counted.SelectMany(i => values(i).Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return keys.ToDictionary(
            k => k,
            k =>
            {
                var present = counted.Select(i => values(i).GetValueOrDefault(k)).OfType<decimal>().ToList();
                return present.Count == 0 ? (decimal?)null : present.Sum() / present.Count;
            },
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Competition ranks (1, 2, 2, 4) of <paramref name="totals"/>, position by position, compared after rounding
    /// to one decimal. A null total (no confirmed inspection) gets a null rank and does not push others down.
    /// </summary>
    public static IReadOnlyList<int?> Rank(IReadOnlyList<decimal?> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var rounded = totals.Select(ScoreRounding.Round).ToList();
        return rounded
            .Select(t => t is { } total ? 1 + rounded.Count(o => o > total) : (int?)null)
            .ToList();
    }

    /// <summary>Ranks keyed items (e.g. teams) by their totals; see <see cref="Rank(IReadOnlyList{decimal?})"/>.</summary>
    public static IReadOnlyDictionary<TKey, int?> Rank<TKey>(IReadOnlyDictionary<TKey, decimal?> totals)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(totals);
        var keys = totals.Keys.ToList();
        var ranks = Rank(keys.Select(k => totals[k]).ToList());
        return keys.Select((k, i) => (k, ranks[i])).ToDictionary(x => x.k, x => x.Item2);
    }
}
