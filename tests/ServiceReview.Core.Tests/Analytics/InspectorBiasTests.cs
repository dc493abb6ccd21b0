using ServiceReview.Core.Analytics;

namespace ServiceReview.Core.Tests.Analytics;

/// <summary>Inspector bias: the mean difference from the other inspectors of the same team and round, and its flag.</summary>
public class InspectorBiasTests
{
    [Fact]
    public void The_difference_is_taken_from_the_mean_of_the_other_inspectors_of_the_same_team_and_round()
    {
        // Team 1: A 90, B 80, C 70 → A: 90 − 75 = 15; B: 80 − 80 = 0; C: 70 − 85 = −15.
        // Team 2: A 60, B 70 → A: −10; B: +10. A's mean = 2.5 over 2; C alone in team 3 is not shared.
        ScoreObservation<string>[] data =
        [
            new("A", 1, 1, 90), new("B", 1, 1, 80), new("C", 1, 1, 70),
            new("A", 1, 2, 60), new("B", 1, 2, 70),
            new("C", 1, 3, 99),
        ];

        var result = InspectorBias.Compute(data).ToDictionary(r => r.Inspector);

        Assert.Equal(2.5, result["A"].Difference!.Mean, 10);
        Assert.Equal(2, result["A"].Shared);
        Assert.Equal(5, result["B"].Difference!.Mean, 10);
        Assert.Equal(-15, result["C"].Difference!.Mean, 10);
        Assert.Equal(1, result["C"].Shared);
        Assert.Equal(2, result["C"].Scored);
    }

    [Fact]
    public void A_seeded_lenient_and_a_severe_inspector_are_flagged_and_the_fair_ones_are_not()
    {
        var random = new Random(7);
        var bias = new Dictionary<string, double> { ["fair1"] = 0, ["lenient"] = 8, ["severe"] = -8, ["fair2"] = 0, ["fair3"] = 0 };
        var inspectors = bias.Keys.ToArray();
        var data = new List<ScoreObservation<string>>();
        for (var round = 1; round <= 7; round++)
        {
            for (var team = 0; team < 5; team++)
            {
                var quality = 60 + (team * 8);
                for (var k = 0; k < 3; k++)
                {
                    var who = inspectors[(team + round + k) % inspectors.Length];
                    data.Add(new(who, round, team, quality + bias[who] + ((random.NextDouble() - 0.5) * 6)));
                }
            }
        }

        var flags = InspectorBias.Compute(data).ToDictionary(r => r.Inspector, r => r.Flag);

        Assert.Equal(BiasFlag.Lenient, flags["lenient"]);
        Assert.Equal(BiasFlag.Severe, flags["severe"]);
        Assert.Null(flags["fair1"]);
        Assert.Null(flags["fair2"]);
        Assert.Null(flags["fair3"]);
    }

    [Fact]
    public void A_large_difference_is_not_flagged_with_fewer_shared_inspections_than_the_bound()
    {
        var four = Enumerable.Range(1, 4).SelectMany(t => new ScoreObservation<string>[] { new("A", 1, t, 90 + t), new("B", 1, t, 80) }).ToList();

        var a = InspectorBias.Compute(four).Single(r => r.Inspector == "A");

        Assert.Equal(12.5, a.Difference!.Mean, 10);
        Assert.Null(a.Flag);
        Assert.Equal(BiasFlag.Lenient, InspectorBias.FlagFor(a.Difference, BiasBounds.Default with { MinShared = 4 }));
    }

    [Fact]
    public void A_difference_whose_interval_crosses_zero_is_not_flagged_unless_significance_is_waived()
    {
        var noisy = new MeanWithInterval(6, 6, 4, -4.3, 16.3);

        Assert.Null(InspectorBias.FlagFor(noisy, BiasBounds.Default));
        Assert.Equal(BiasFlag.Lenient, InspectorBias.FlagFor(noisy, BiasBounds.Default with { RequireSignificance = false }));
    }

    [Fact]
    public void A_small_but_significant_difference_stays_within_the_bound()
    {
        Assert.Null(InspectorBias.FlagFor(new MeanWithInterval(20, -4.9, 0.5, -5.9, -3.9), BiasBounds.Default));
        Assert.Equal(BiasFlag.Severe, InspectorBias.FlagFor(new MeanWithInterval(20, -5.1, 0.5, -6.1, -4.1), BiasBounds.Default));
    }

    [Fact]
    public void One_inspector_alone_has_no_difference_and_no_flag()
    {
        ScoreObservation<string>[] alone = [new("A", 1, 1, 80), new("A", 2, 1, 85)];

        var a = InspectorBias.Compute(alone).Single();

        Assert.Null(a.Difference);
        Assert.Equal(0, a.Shared);
        Assert.Null(a.Flag);
    }
}
