using ServiceReview.Core.Plans;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Plans;

/// <summary>The indicator each measured metric fills comes from the plan version, whatever its codes.</summary>
public sealed class Measured_indicators_of_a_plan
{
    private static readonly Band[] Bands = [new(95m, 10m), new(0m, 0m)];

    [Fact]
    public void Each_metric_names_the_indicator_bound_to_it_in_a_plan_with_codes_of_its_own()
    {
        var plan = new PlanBuilder()
            .Category("Q", 60m, c => c
                .Check("Q-a")
                .Add(Indicator.Percentage("Q-b", "完整率", 10m, Bands, measure: MeasuredMetric.Complete))
                .Add(Indicator.Deduction("Q-c", "归档", 10m, 1m, measure: MeasuredMetric.LateArchives)))
            .Category("R", 40m, c => c.Add(Indicator.Percentage("R-z", "一次解决率", 10m, Bands, measure: MeasuredMetric.FirstContactResolution)))
            .Build();

        var codes = MeasuredIndicators.Of(plan).ToDictionary(p => p.Key, p => p.Value.Code);

        Assert.Equal(
            new Dictionary<MeasuredMetric, string>
            {
                [MeasuredMetric.Complete] = "Q-b",
                [MeasuredMetric.LateArchives] = "Q-c",
                [MeasuredMetric.FirstContactResolution] = "R-z",
            },
            codes);
    }

    [Fact]
    public void A_metric_bound_twice_names_the_first_indicator_in_plan_order()
    {
        var plan = new PlanBuilder()
            .Category("B", 50m, c => c.Add(Indicator.Percentage("B.1", "后", 10m, Bands, measure: MeasuredMetric.Complete)))
            .Category("A", 50m, c => c.Add(Indicator.Percentage("A.1", "先", 10m, Bands, measure: MeasuredMetric.Complete)))
            .Build();
        plan.MoveCategory("A", -1);

        Assert.Equal("A.1", MeasuredIndicators.Of(plan)[MeasuredMetric.Complete].Code);
    }

    [Fact]
    public void A_plan_that_measures_nothing_has_no_measured_indicators()
    {
        var plan = new PlanBuilder().Category("1", 100m, c => c.Check("1.1").Rating("1.2")).Build();

        Assert.Empty(MeasuredIndicators.Of(plan));
    }
}
