using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>一票否决: a critical indicator earning 0 fails the inspection, but the score before the veto is kept.</summary>
public class VetoTests
{
    [Fact]
    public void A_critical_indicator_that_is_not_applicable_cannot_veto()
    {
        var plan = new PlanBuilder().Category("A", 100m, c => c.Check("A.1", 5m, critical: true, naAllowed: true).Check("A.2", 5m)).Build();
        var inputs = new InputsBuilder().With("A.1", Input.Na()).With("A.2", Input.Pass()).Build();

        var result = ScoringEngine.Score(plan, inputs);

        Assert.Null(result.VetoedBy);
        Assert.Equal(100.0m, result.Total);
        Assert.Equal("优秀", result.Grade);
    }

    [Fact]
    public void A_critical_indicator_without_input_cannot_veto()
    {
        var plan = new PlanBuilder().Category("A", 100m, c => c.Check("A.1", 5m, critical: true).Check("A.2", 5m)).Build();

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("A.2", Input.Pass()).Build());

        Assert.Null(result.VetoedBy);
        Assert.Equal(100.0m, result.Total);
        Assert.Equal(["A.1"], result.Missing);
    }

    [Fact]
    public void The_first_failed_critical_indicator_in_plan_order_is_named()
    {
        // Category "B" comes first in the plan, although "A.1" sorts first as text.
        var plan = new PlanBuilder()
            .Category("B", 50m, c => c.Check("B.1", 10m).Check("B.2", 10m, critical: true))
            .Category("A", 50m, c => c.Check("A.1", 10m, critical: true))
            .Build();
        var inputs = new InputsBuilder().With("A.1", Input.Fail()).With("B.1", Input.Pass()).With("B.2", Input.Fail()).Build();

        var result = ScoringEngine.Score(plan, inputs);

        Assert.Equal("B.2", result.VetoedBy);
        Assert.Equal(0m, result.Total);
        Assert.Equal(25.0m, result.TotalBeforeVeto);
    }

    public static TheoryData<string, Indicator, IndicatorInput, bool> CriticalInputs => new()
    {
        { "deduction down to 0", Indicator.Deduction("A.1", "扣分", 5m, 2.5m, critical: true), Input.Count(2), true },
        { "deduction above 0", Indicator.Deduction("A.1", "扣分", 5m, 2.5m, critical: true), Input.Count(1), false },
        { "rating 差", Indicator.Rating("A.1", "评分", 5m, critical: true), Input.Level("差"), true },
        { "rating 较差", Indicator.Rating("A.1", "评分", 5m, critical: true), Input.Level("较差"), false },
        { "band not met", Indicator.Percentage("A.1", "比例", 5m, [new(90m, 5m)], critical: true), Input.Value(89.9m), true },
        { "band met", Indicator.Percentage("A.1", "比例", 5m, [new(90m, 5m)], critical: true), Input.Value(90m), false },
        { "check failed", Indicator.Check("A.1", "检查", 5m, critical: true), Input.Fail(), true },
    };

    [Theory]
    [MemberData(nameof(CriticalInputs))]
    public void Any_rule_kind_vetoes_when_its_critical_indicator_earns_exactly_zero(string label, Indicator critical, IndicatorInput input, bool vetoes)
    {
        var plan = new PlanBuilder().Category("A", 100m, c => c.Add(critical).Check("A.2", 5m)).Build();

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("A.1", input).With("A.2", Input.Pass()).Build());

        Assert.True(vetoes == (result.VetoedBy == "A.1"), label);
        Assert.Equal(vetoes, result.Total == 0m);
        Assert.True(result.TotalBeforeVeto > 0m, label);
    }

    [Fact]
    public void A_vetoed_inspection_is_graded_fail_even_when_the_plan_passes_every_total()
    {
        var plan = new PlanBuilder()
            .WithGradeBounds(new GradeBound("合格", 0m))
            .Category("A", 100m, c => c.Check("A.1", 5m, critical: true).Check("A.2", 5m))
            .Build();

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("A.1", Input.Fail()).With("A.2", Input.Pass()).Build());

        Assert.Equal("不合格", result.Grade);
        Assert.Equal(50.0m, result.TotalBeforeVeto);
    }

    [Fact]
    public void A_non_critical_indicator_earning_zero_does_not_veto()
    {
        var plan = new PlanBuilder().Category("A", 100m, c => c.Check("A.1", 5m).Check("A.2", 5m, critical: true)).Build();

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("A.1", Input.Fail()).With("A.2", Input.Pass()).Build());

        Assert.Null(result.VetoedBy);
        Assert.Equal(50.0m, result.Total);
    }
}
