using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>The worked example of scoring.md, on the default plan.</summary>
public class DefaultPlanWorkedExampleTests
{
    private static readonly PlanVersion Plan = DefaultPlan.CreateVersion(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void The_worked_example_totals_73_1_and_passes()
    {
        var result = ScoringEngine.Score(Plan, InputsBuilder.WorkedExample().Build());

        Assert.Equal(73.1m, result.Total);
        Assert.Equal(73.1m, result.TotalBeforeVeto);
        Assert.Equal("合格", result.Grade);
        Assert.Null(result.VetoedBy);
        Assert.Empty(result.Missing);
        Assert.Empty(result.MissingEvidence);
        Assert.True(result.IsComplete);
    }

    [Theory]
    [InlineData("1", 16.0)]
    [InlineData("2", 20.0)]
    [InlineData("3", 16.0)]
    [InlineData("4", 11.5)]
    [InlineData("5", 9.6)]
    public void The_worked_example_gives_each_category_its_documented_score(string category, decimal expected)
    {
        var result = ScoringEngine.Score(Plan, InputsBuilder.WorkedExample().Build());

        var score = Assert.Single(result.Categories, c => c.Code == category);
        Assert.Equal(expected, score.Score);
        Assert.False(score.Excluded);
    }

    [Theory]
    [InlineData("1.1", 6.0)]
    [InlineData("1.2", 4.0)]
    [InlineData("1.3", 6.0)]
    [InlineData("2.1", 8.0)]
    [InlineData("2.3", 5.6)]
    [InlineData("3.1", 10.0)]
    [InlineData("3.2", 6.0)]
    [InlineData("4.1", 4.0)]
    [InlineData("4.2", 2.5)]
    [InlineData("4.3", 5.0)]
    [InlineData("5.1", 3.0)]
    [InlineData("5.2", 4.8)]
    [InlineData("5.3", 1.8)]
    public void The_worked_example_gives_each_indicator_its_documented_points(string code, decimal expected)
    {
        var result = ScoringEngine.Score(Plan, InputsBuilder.WorkedExample().Build());

        Assert.Equal(expected, result.Points[code]);
    }

    [Fact]
    public void The_not_applicable_indicator_of_the_worked_example_has_no_points()
    {
        var result = ScoringEngine.Score(Plan, InputsBuilder.WorkedExample().Build());

        Assert.True(result.Points.ContainsKey("2.2"));
        Assert.Null(result.Points["2.2"]);
    }

    [Fact]
    public void Failing_4_3_vetoes_the_worked_example_but_keeps_68_1_before_the_veto()
    {
        var inputs = InputsBuilder.WorkedExample().With("4.3", Input.Fail("擅自变更服务内容，损害客户权益")).Build();

        var result = ScoringEngine.Score(Plan, inputs);

        Assert.Equal(0m, result.Total);
        Assert.Equal(68.1m, result.TotalBeforeVeto);
        Assert.Equal("不合格", result.Grade);
        Assert.Equal("4.3", result.VetoedBy);
        Assert.True(result.IsVetoed);
        Assert.Equal(6.5m, result.Categories.Single(c => c.Code == "4").Score);
    }
}
