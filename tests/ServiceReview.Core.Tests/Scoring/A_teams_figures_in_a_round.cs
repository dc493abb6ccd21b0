using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>
/// The counted-inspections rule (scoring.md, "A team's result in a round"): the trimmed mean chooses the inspections
/// that count, and the total, every category and every indicator are means over those same inspections.
/// </summary>
public sealed class A_teams_figures_in_a_round
{
    private static readonly (string Code, decimal Weight)[] Categories = [("1", 20), ("2", 25), ("3", 20), ("4", 20), ("5", 15)];

    private static CountableInspection Inspection(int id, int minute, params decimal[] categories)
    {
        var before = ScoreRounding.Round(categories.Sum());
        return new CountableInspection(
            id, before, before, new DateTime(2026, 12, 1, 9, minute, 0, DateTimeKind.Utc),
            Categories.Select((c, i) => (c.Code, Score: (decimal?)categories[i])).ToDictionary(x => x.Code, x => x.Score),
            new Dictionary<string, decimal?> { ["1.1"] = categories[0] / 2.5m });
    }

    [Fact]
    public void The_worked_case_of_the_issue_categories_come_from_the_middle_inspection_alone()
    {
        // 63.3 / 69.0 / 69.2 under the trimmed mean: the total was 69.0 while the categories (plain means) summed to 67.2.
        var low = Inspection(1, 0, 10.0m, 15.0m, 13.3m, 15.0m, 10.0m);
        var middle = Inspection(2, 1, 14.0m, 16.0m, 14.0m, 15.0m, 10.0m);
        var high = Inspection(3, 2, 14.2m, 16.0m, 14.0m, 15.0m, 10.0m);

        var team = RoundAggregator.AggregateTeam([low, middle, high], AggregationMethod.TrimmedMean);

        Assert.Equal(69.0m, team.Total);
        Assert.Equal([2], team.Counted);
        Assert.Equal([3, 1], team.Dropped);
        Assert.True(team.MiddleAloneDecides);
        Assert.Equal(69.0m, team.Categories.Values.Sum(v => ScoreRounding.Round(v!.Value)));
        Assert.Equal(14.0m / 2.5m, team.Points["1.1"]);
    }

    [Fact]
    public void Among_equal_totals_the_earlier_submission_is_dropped()
    {
        var first = Inspection(10, 0, 20, 25, 20, 20, 5);  // 90, earliest
        var second = Inspection(11, 5, 20, 25, 20, 15, 10); // 90, later
        var third = Inspection(12, 9, 10, 10, 10, 10, 10);  // 50

        var team = RoundAggregator.AggregateTeam([third, second, first], AggregationMethod.TrimmedMean);

        Assert.Equal([10, 12], team.Dropped);
        Assert.Equal([11], team.Counted);
        Assert.Equal(15m, team.Categories["4"]);
    }

    [Fact]
    public void A_plain_mean_counts_every_confirmed_inspection_and_a_vetoed_one_with_zero()
    {
        var vetoed = Inspection(1, 0, 16, 20, 16, 0, 12) with { Total = 0 };
        var other = Inspection(2, 1, 18, 22, 18, 18, 12);

        var team = RoundAggregator.AggregateTeam([vetoed, other], AggregationMethod.Mean);

        Assert.Equal([1, 2], team.Counted);
        Assert.Empty(team.Dropped);
        Assert.Equal(44.0m, team.Total);                 // (0 + 88) / 2
        Assert.Equal((64m + 88m) / 2, team.TotalBeforeVeto); // the categories add up to this one
        Assert.Equal(team.TotalBeforeVeto, team.Categories.Values.Sum());
    }

    [Fact]
    public void A_category_left_out_by_an_inspection_is_the_mean_of_those_that_scored_it()
    {
        var a = Inspection(1, 0, 16, 20, 16, 16, 12);
        var b = new CountableInspection(2, 80m, 80m, DateTime.UnixEpoch, new Dictionary<string, decimal?> { ["1"] = null, ["2"] = 22m }, new Dictionary<string, decimal?>());

        var team = RoundAggregator.AggregateTeam([a, b], AggregationMethod.Mean);

        Assert.Equal(16m, team.Categories["1"]);
        Assert.Equal(21m, team.Categories["2"]);
    }

    [Fact]
    public void Hundreds_of_random_rounds_keep_categories_adding_up_to_the_counted_totals_before_veto()
    {
        var random = new Random(20261204);
        for (var round = 0; round < 500; round++)
        {
            var method = random.Next(2) == 0 ? AggregationMethod.Mean : AggregationMethod.TrimmedMean;
            var inspections = Enumerable.Range(1, random.Next(1, 7))
                .Select(id =>
                {
                    var scores = Categories.Select(c => Math.Round((decimal)random.NextDouble() * c.Weight, 4)).ToArray();
                    var inspection = Inspection(id, random.Next(0, 3), scores);
                    return random.Next(10) == 0 ? inspection with { Total = 0 } : inspection; // now and then a veto
                })
                .ToList();

            var team = RoundAggregator.AggregateTeam(inspections, method);

            var counted = inspections.Where(i => team.Counted.Contains(i.Id)).ToList();
            Assert.Equal(inspections.Count, team.Counted.Count + team.Dropped.Count);
            Assert.Equal(method == AggregationMethod.TrimmedMean && inspections.Count >= 3 ? inspections.Count - 2 : inspections.Count, counted.Count);
            if (team.Dropped.Count == 2)
            {
                var high = inspections.Single(i => i.Id == team.Dropped[0]).Total;
                var low = inspections.Single(i => i.Id == team.Dropped[1]).Total;
                Assert.All(counted, i => Assert.InRange(i.Total, low, high));
            }

            Assert.Equal(ScoreRounding.Round(counted.Average(i => i.Total)), team.Total);
            var shownCategories = team.Categories.Values.Sum(v => ScoreRounding.Round(v!.Value));
            var countedBeforeVeto = counted.Average(i => i.TotalBeforeVeto);
            Assert.InRange(Math.Abs(shownCategories - countedBeforeVeto), 0m, 0.1m * Categories.Length);
            Assert.InRange(Math.Abs(team.Categories.Values.Sum(v => v!.Value) - countedBeforeVeto), 0m, 0.05m);
        }
    }
}
