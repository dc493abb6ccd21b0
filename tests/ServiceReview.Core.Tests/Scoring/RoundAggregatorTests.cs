using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>A team's round score from its confirmed inspections, and the ranking of teams.</summary>
public class RoundAggregatorTests
{
    /// <summary>Confirmed inspections that carry only a total, submitted one after another.</summary>
    private static List<CountableInspection> Totals(IEnumerable<decimal> totals) =>
        [.. totals.Select((t, i) => new CountableInspection(i, t, t, DateTime.UnixEpoch.AddMinutes(i), new Dictionary<string, decimal?>(), new Dictionary<string, decimal?>()))];

    [Theory]
    [InlineData(AggregationMethod.Mean, new[] { 80.0, 90.0 }, 85.0, false)]
    [InlineData(AggregationMethod.TrimmedMean, new[] { 70.0, 90.0 }, 80.0, false)] // two: nothing is dropped
    [InlineData(AggregationMethod.TrimmedMean, new[] { 90.0, 60.0, 85.0 }, 85.0, true)] // three: the middle one
    [InlineData(AggregationMethod.Mean, new[] { 90.0, 60.0, 85.0 }, 78.3, false)]
    [InlineData(AggregationMethod.TrimmedMean, new[] { 100.0, 0.0, 70.0, 90.0, 80.0 }, 80.0, true)] // five
    [InlineData(AggregationMethod.TrimmedMean, new[] { 80.0, 70.0, 90.0, 80.0, 70.0 }, 76.7, true)] // ties: one of each dropped
    [InlineData(AggregationMethod.Mean, new[] { 0.0, 90.0 }, 45.0, false)] // a vetoed inspection counts with 0
    [InlineData(AggregationMethod.Mean, new[] { 80.0, 80.1 }, 80.1, false)] // 80.05 rounds away from zero
    [InlineData(AggregationMethod.TrimmedMean, new[] { 73.1 }, 73.1, false)]
    public void The_round_score_is_the_mean_of_confirmed_totals_trimmed_when_asked(AggregationMethod method, double[] totals, double expected, bool trimmed)
    {
        var result = RoundAggregator.AggregateTeam(Totals(totals.Select(t => (decimal)t)), method);

        Assert.Equal((decimal)expected, result.Total);
        Assert.Equal(trimmed, result.Trimmed);
    }

    [Theory]
    [InlineData(AggregationMethod.Mean)]
    [InlineData(AggregationMethod.TrimmedMean)]
    public void A_team_without_confirmed_inspections_has_no_round_score(AggregationMethod method)
    {
        var result = RoundAggregator.AggregateTeam(Totals([]), method);

        Assert.Null(result.Total);
        Assert.False(result.Trimmed);
    }

    [Fact]
    public void Ranking_is_competition_ranking_and_leaves_teams_without_a_score_unranked()
    {
        var ranks = RoundAggregator.Rank([85.0m, 90.0m, null, 85.0m, 70.0m]);

        Assert.Equal([2, 1, null, 2, 4], ranks);
    }

    [Fact]
    public void Ranking_compares_totals_after_rounding()
    {
        var ranks = RoundAggregator.Rank([84.96m, 85.0m, 84.94m]);

        Assert.Equal([1, 1, 3], ranks);
    }

    [Fact]
    public void Ranking_by_key_ranks_each_team()
    {
        var ranks = RoundAggregator.Rank(new Dictionary<string, decimal?> { ["甲组"] = 80m, ["乙组"] = 92.5m, ["丙组"] = null });

        Assert.Equal(2, ranks["甲组"]);
        Assert.Equal(1, ranks["乙组"]);
        Assert.Null(ranks["丙组"]);
    }
}
