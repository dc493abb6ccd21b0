using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Tests.Plans;

/// <summary>The shipped plan matches the table of scoring.md.</summary>
public class DefaultPlanTests
{
    private static readonly PlanVersion Version = DefaultPlan.CreateVersion(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void It_is_version_1_published_and_valid()
    {
        var plan = DefaultPlan.Create();

        var version = Assert.Single(plan.Versions);
        Assert.Equal("项目客户服务组检查考评标准", plan.Name);
        Assert.Equal(1, version.Number);
        Assert.Equal(PlanVersionStatus.Published, version.Status);
        Assert.NotNull(version.PublishedAt);
        Assert.Empty(version.Validate());
    }

    [Fact]
    public void Its_grade_bounds_are_90_80_60_with_English_labels()
    {
        Assert.Equal([new GradeBound("优秀", 90m, "Excellent"), new GradeBound("良好", 80m, "Good"), new GradeBound("合格", 60m, "Pass")], Version.GradeBounds);
    }

    [Theory]
    [InlineData("1", "服务档案管理", 20)]
    [InlineData("2", "响应迅速", 25)]
    [InlineData("3", "沟通能力", 20)]
    [InlineData("4", "诚信守约", 15)]
    [InlineData("5", "解决问题", 20)]
    public void Its_categories_have_their_weights_and_indicators_worth_as_much(string code, string name, decimal weight)
    {
        var category = Version.FindCategory(code)!;

        Assert.Equal(name, category.Name);
        Assert.Equal(weight, category.Weight);
        Assert.Equal(weight, category.MaxPoints);
    }

    [Theory]
    [InlineData("1.1", "服务记录完整率", RuleKind.Bands, 8, true, false)]
    [InlineData("1.2", "档案归档及时", RuleKind.Deduction, 6, true, false)]
    [InlineData("1.3", "数据妥善保存", RuleKind.Check, 6, false, false)]
    [InlineData("2.1", "首次响应及时率", RuleKind.Bands, 10, true, false)]
    [InlineData("2.2", "问题解决及时率", RuleKind.Bands, 8, true, false)]
    [InlineData("2.3", "客户信息与问题统计分析", RuleKind.Rating, 7, false, false)]
    [InlineData("3.1", "与客户沟通方式得当", RuleKind.Rating, 10, false, false)]
    [InlineData("3.2", "与项目成员沟通协调", RuleKind.Rating, 10, false, false)]
    [InlineData("4.1", "合同条款理解规范", RuleKind.Rating, 5, false, false)]
    [InlineData("4.2", "严格按合同条款服务", RuleKind.Deduction, 5, false, false)]
    [InlineData("4.3", "未发生损害各方权益的违约", RuleKind.Check, 5, false, true)]
    [InlineData("5.1", "一次解决率", RuleKind.Bands, 8, true, false)]
    [InlineData("5.2", "疑难问题妥善处理", RuleKind.Rating, 6, false, false)]
    [InlineData("5.3", "任务压力下高效完成", RuleKind.Rating, 6, false, false)]
    public void Each_indicator_is_as_in_the_table(string code, string name, RuleKind kind, decimal max, bool naAllowed, bool critical)
    {
        var indicator = Version.FindIndicator(code)!;

        Assert.Equal(name, indicator.Name);
        Assert.Equal(kind, indicator.Kind);
        Assert.Equal(max, indicator.Max);
        Assert.Equal(naAllowed, indicator.NaAllowed);
        Assert.Equal(critical, indicator.Critical);
        Assert.False(string.IsNullOrWhiteSpace(indicator.Standard));
    }

    [Fact]
    public void The_indicators_come_in_the_tables_order()
    {
        Assert.Equal(
            ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"],
            Version.IndicatorsInOrder().Select(i => i.Code));
    }

    [Theory]
    [InlineData("1.1", MeasuredMetric.Complete)]
    [InlineData("1.2", MeasuredMetric.LateArchives)]
    [InlineData("2.1", MeasuredMetric.FirstResponseOnTime)]
    [InlineData("2.2", MeasuredMetric.ResolvedOnTime)]
    [InlineData("5.1", MeasuredMetric.FirstContactResolution)]
    public void The_measured_indicators_name_their_metric(string code, MeasuredMetric metric)
    {
        Assert.Equal(metric, Version.FindIndicator(code)!.Measure);
    }

    [Fact]
    public void Only_the_five_measured_indicators_are_measured()
    {
        Assert.Equal(["1.1", "1.2", "2.1", "2.2", "5.1"], Version.IndicatorsInOrder().Where(i => i.Measure is not null).Select(i => i.Code));
    }

    [Theory]
    [InlineData("1.1", new[] { 98.0, 8, 95, 6, 90, 4 })]
    [InlineData("2.1", new[] { 95.0, 10, 90, 8, 80, 5 })]
    [InlineData("2.2", new[] { 90.0, 8, 80, 6, 70, 3 })]
    [InlineData("5.1", new[] { 85.0, 8, 75, 6, 65, 3 })]
    public void The_percentage_indicators_have_the_tables_bands_on_0_to_100(string code, double[] boundsAndPoints)
    {
        var indicator = Version.FindIndicator(code)!;
        var expected = boundsAndPoints.Chunk(2).Select(p => new Band((decimal)p[0], (decimal)p[1]));

        Assert.Equal(expected, indicator.Bands);
        Assert.Equal(BandDirection.HigherIsBetter, indicator.Direction);
        Assert.Equal("%", indicator.Unit);
        Assert.Equal(0m, indicator.MinValue);
        Assert.Equal(100m, indicator.MaxValue);
    }

    [Theory]
    [InlineData("1.2", 1.0)]
    [InlineData("4.2", 2.5)]
    public void The_deductions_take_the_tables_step(string code, decimal step)
    {
        Assert.Equal(step, Version.FindIndicator(code)!.PerOccurrence);
    }

    [Fact]
    public void The_ratings_use_the_default_levels()
    {
        var expected = new[] { new RatingLevel("优秀", 1.00m), new RatingLevel("良好", 0.80m), new RatingLevel("一般", 0.60m), new RatingLevel("较差", 0.30m), new RatingLevel("差", 0.00m) };

        Assert.All(Version.IndicatorsInOrder().Where(i => i.Kind == RuleKind.Rating), i => Assert.Equal(expected, i.Levels));
    }
}
