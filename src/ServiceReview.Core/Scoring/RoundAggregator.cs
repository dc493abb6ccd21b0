using ServiceReview.Core.Rounds;

namespace ServiceReview.Core.Scoring;

/// <summary>A team's round score. <see cref="Trimmed"/> says the highest and lowest totals were dropped.</summary>
public sealed record AggregateResult(decimal? Total, bool Trimmed);

/// <summary>From confirmed inspection totals to a team's round score, and from round scores to ranks.</summary>
public static class RoundAggregator
{
    /// <summary>
    /// Mean of the confirmed totals (a vetoed inspection counts with 0). With <see cref="AggregationMethod.TrimmedMean"/>
    /// and three or more totals, one highest and one lowest are dropped first. Rounded to one decimal, half away
    /// from zero; no totals → null.
    /// </summary>
    public static AggregateResult Aggregate(IReadOnlyList<decimal> confirmedTotals, AggregationMethod method)
    {
        ArgumentNullException.ThrowIfNull(confirmedTotals);
        if (confirmedTotals.Count == 0)
        {
            return new AggregateResult(null, false);
        }

        var trim = method == AggregationMethod.TrimmedMean && confirmedTotals.Count >= 3;
        var used = trim
            ? confirmedTotals.Order().Skip(1).Take(confirmedTotals.Count - 2).ToList()
            : confirmedTotals.ToList();
        return new AggregateResult(ScoreRounding.Round(used.Sum() / used.Count), trim);
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
