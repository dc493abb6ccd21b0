using ServiceReview.Core.Plans;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Plans;

/// <summary>Validate lists everything that would stop a version being published, each problem with a code.</summary>
public class PlanValidationTests
{
    private static PlanBuilder Valid() => new PlanBuilder()
        .Category("1", 60m, c => c.Check("1.1").Rating("1.2"))
        .Category("2", 40m, c => c.Deduction("2.1", 6m, 1m).Percentage("2.2", 8m, new Band(90m, 8m), new Band(80m, 4m)));

    public static TheoryData<string, Func<PlanVersion>> InvalidPlans => new()
    {
        { "Plan.NoCategories", () => new PlanBuilder().Build() },
        { "Plan.WeightsNot100", () => new PlanBuilder().Category("1", 60m, c => c.Check("1.1")).Category("2", 30m, c => c.Check("2.1")).Build() },
        { "Plan.CategoryWeightNotPositive", () => new PlanBuilder().Category("1", 100m, c => c.Check("1.1")).Category("2", 0m, c => c.Check("2.1")).Build() },
        { "Plan.DuplicateCategoryCode", () => new PlanBuilder().Category("1", 50m, c => c.Check("1.1")).Category("1", 50m, c => c.Check("1.2")).Build() },
        { "Plan.CategoryWithoutIndicators", () => new PlanBuilder().Category("1", 50m, c => c.Check("1.1")).Category("2", 50m, _ => { }).Build() },
        { "Plan.DuplicateIndicatorCode", () => new PlanBuilder().Category("1", 50m, c => c.Check("1.1")).Category("2", 50m, c => c.Check("1.1")).Build() },
        { "Plan.MaxNotPositive", () => PlanBuilder.OneIndicator(Indicator.Check("1.1", "检查", 0m)) },
        { "Plan.LevelsMissing", () => PlanBuilder.OneIndicator(Indicator.Rating("1.1", "评分", 10m, [])) },
        { "Plan.LevelFractionOutOfRange", () => PlanBuilder.OneIndicator(Indicator.Rating("1.1", "评分", 10m, [new("超好", 1.2m), new("差", 0m)])) },
        { "Plan.LevelFractionOutOfRange", () => PlanBuilder.OneIndicator(Indicator.Rating("1.1", "评分", 10m, [new("好", 1m), new("倒扣", -0.1m)])) },
        { "Plan.DuplicateLevelLabel", () => PlanBuilder.OneIndicator(Indicator.Rating("1.1", "评分", 10m, [new("好", 1m), new("好", 0.5m)])) },
        { "Plan.LevelLabelEmpty", () => PlanBuilder.OneIndicator(Indicator.Rating("1.1", "评分", 10m, [new("好", 1m), new(" ", 0.5m)])) },
        { "Plan.DeductionStepNotPositive", () => PlanBuilder.OneIndicator(Indicator.Deduction("1.1", "扣分", 10m, 0m)) },
        { "Plan.DeductionStepNotPositive", () => PlanBuilder.OneIndicator(Indicator.Deduction("1.1", "扣分", 10m, -1m)) },
        { "Plan.BandsMissing", () => PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [])) },
        { "Plan.BandsOutOfOrder", () => PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [new(90m, 4m), new(95m, 4m)])) },
        { "Plan.BandsOutOfOrder", () => PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m), new(90m, 4m)])) },
        { "Plan.BandsOutOfOrder", () => PlanBuilder.OneIndicator(Indicator.Banded("1.1", "时长", 8m, BandDirection.LowerIsBetter, [new(4m, 8m), new(2m, 4m)])) },
        { "Plan.BandPointsOutOfOrder", () => PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [new(95m, 4m), new(90m, 8m)])) },
        { "Plan.BandPointsAboveMax", () => PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [new(95m, 10m)])) },
        { "Plan.BandPointsNegative", () => PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [new(95m, 8m), new(90m, -1m)])) },
        { "Plan.BandOutsideValueRange", () => PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [new(101m, 8m)])) },
        { "Plan.ValueRangeInvalid", () => PlanBuilder.OneIndicator(Indicator.Banded("1.1", "比例", 8m, BandDirection.HigherIsBetter, [new(5m, 8m)], minValue: 10m, maxValue: 0m)) },
        { "Plan.MeasureKindMismatch", () => PlanBuilder.OneIndicator(Indicator.Deduction("1.1", "扣分", 8m, 1m, measure: MeasuredMetric.Complete)) },
        { "Plan.GradeBoundsMissing", () => Valid().WithGradeBounds().Build() },
        { "Plan.GradeBoundsOutOfOrder", () => Valid().WithGradeBounds(new("合格", 60m), new("优秀", 90m)).Build() },
        { "Plan.GradeBoundOutOfRange", () => Valid().WithGradeBounds(new("优秀", 101m), new("合格", 60m)).Build() },
        { "Plan.DuplicateGrade", () => Valid().WithGradeBounds(new("优秀", 90m), new("不合格", 50m)).Build() },
        { "Plan.GradeNameEmpty", () => Valid().WithGradeBounds(new("优秀", 90m), new("", 60m)).Build() },
        { "Plan.GradeEnglishLabelTooLong", () => Valid().WithGradeBounds(new("优秀", 90m, new string('E', GradeBound.EnglishLabelMaxLength + 1)), new("合格", 60m)).Build() },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public void Each_kind_of_problem_is_reported_with_its_code(string code, Func<PlanVersion> build)
    {
        var problems = build().Validate();

        Assert.Contains(problems, p => p.Code == code);
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void A_sound_plan_has_no_problems()
    {
        Assert.Empty(Valid().Build().Validate());
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var plan = new PlanBuilder()
            .Category("1", 50m, c => c.Check("1.1", 0m).Deduction("1.1", 5m, 0m))
            .Build();

        var codes = plan.Validate().Select(p => p.Code).ToList();

        Assert.Contains("Plan.WeightsNot100", codes);
        Assert.Contains("Plan.MaxNotPositive", codes);
        Assert.Contains("Plan.DuplicateIndicatorCode", codes);
        Assert.Contains("Plan.DeductionStepNotPositive", codes);
    }

    [Fact]
    public void A_problem_names_the_indicator_it_is_about()
    {
        var plan = new PlanBuilder().Category("1", 100m, c => c.Check("1.1").Check("1.7", 0m)).Build();

        var problem = Assert.Single(plan.Validate());

        Assert.Equal("1.7", problem.Arguments[0]);
    }
}
