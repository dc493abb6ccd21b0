using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>How each rule kind turns an input into points.</summary>
public class RulePointsTests
{
    private static decimal? PointsOf(Indicator indicator, IndicatorInput input) =>
        ScoringEngine.Score(PlanBuilder.OneIndicator(indicator), new InputsBuilder().With(indicator.Code, input).Build()).Points[indicator.Code];

    [Theory]
    [InlineData("优秀", 7.0)]
    [InlineData("良好", 5.6)]
    [InlineData("一般", 4.2)]
    [InlineData("较差", 2.1)]
    [InlineData("差", 0.0)]
    public void A_rating_earns_max_times_the_fraction_of_the_chosen_level(string level, decimal expected)
    {
        Assert.Equal(expected, PointsOf(Indicator.Rating("1.1", "评分", 7m), Input.Level(level, "x")));
    }

    [Fact]
    public void A_rating_uses_the_indicators_own_levels()
    {
        var indicator = Indicator.Rating("1.1", "评分", 10m, [new("达标", 1m), new("基本达标", 0.5m), new("未达标", 0m)]);

        Assert.Equal(5m, PointsOf(indicator, Input.Level("基本达标")));
    }

    [Theory]
    [InlineData(true, 6.0)]
    [InlineData(false, 0.0)]
    public void A_check_earns_max_on_pass_and_nothing_on_fail(bool pass, decimal expected)
    {
        Assert.Equal(expected, PointsOf(Indicator.Check("1.1", "检查", 6m), new IndicatorInput { Pass = pass, Note = "x" }));
    }

    [Theory]
    [InlineData(0, 5.0)]
    [InlineData(1, 2.5)]
    [InlineData(2, 0.0)]
    [InlineData(3, 0.0)]
    [InlineData(100, 0.0)]
    public void A_deduction_takes_its_step_per_occurrence_and_stops_at_zero(int count, decimal expected)
    {
        Assert.Equal(expected, PointsOf(Indicator.Deduction("1.1", "扣分", 5m, 2.5m), Input.Count(count, "x")));
    }

    [Theory]
    [InlineData(100.0, 8.0)]
    [InlineData(98.0, 8.0)]
    [InlineData(97.9, 6.0)]
    [InlineData(95.0, 6.0)]
    [InlineData(94.9, 4.0)]
    [InlineData(90.0, 4.0)]
    [InlineData(89.9, 0.0)]
    [InlineData(0.0, 0.0)]
    public void Higher_is_better_bands_are_met_at_their_exact_bound(decimal value, decimal expected)
    {
        var indicator = Indicator.Percentage("1.1", "完整率", 8m, [new(98m, 8m), new(95m, 6m), new(90m, 4m)]);

        Assert.Equal(expected, PointsOf(indicator, Input.Value(value)));
    }

    [Theory]
    [InlineData(0.0, 10.0)]
    [InlineData(2.0, 10.0)]
    [InlineData(2.1, 6.0)]
    [InlineData(4.0, 6.0)]
    [InlineData(4.01, 2.0)]
    [InlineData(8.0, 2.0)]
    [InlineData(8.5, 0.0)]
    public void Lower_is_better_bands_are_met_at_their_exact_bound(decimal value, decimal expected)
    {
        var indicator = Indicator.Banded("1.1", "平均响应小时", 10m, BandDirection.LowerIsBetter, [new(2m, 10m), new(4m, 6m), new(8m, 2m)], unit: "h", minValue: 0m);

        Assert.Equal(expected, PointsOf(indicator, Input.Value(value)));
    }

    [Fact]
    public void Every_rule_kind_has_a_rule_of_its_own()
    {
        foreach (var kind in Enum.GetValues<RuleKind>())
        {
            Assert.Equal(kind, ScoringEngine.RuleFor(kind).Kind);
        }
    }
}
