using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>N/A (and not-yet-scored) indicators leave the denominator; a category with nothing left leaves the total.</summary>
public class NotApplicableScoringTests
{
    // A (40): A.1 check 10, A.2 check 10 N/A-able; B (60): B.1 check 10 N/A-able.
    private static PlanVersion Plan(bool everythingNaAble = false) => new PlanBuilder()
        .Category("A", 40m, c => c.Check("A.1", 10m, naAllowed: everythingNaAble).Check("A.2", 10m, naAllowed: true))
        .Category("B", 60m, c => c.Check("B.1", 10m, naAllowed: true))
        .Build();

    [Fact]
    public void A_not_applicable_indicator_leaves_its_category_denominator()
    {
        var inputs = new InputsBuilder().With("A.1", Input.Pass()).With("A.2", Input.Na()).With("B.1", Input.Fail("x")).Build();

        var result = ScoringEngine.Score(Plan(), inputs);

        Assert.Equal(40.0m, result.Categories[0].Score);
        Assert.Equal(0.0m, result.Categories[1].Score);
        Assert.Equal(40.0m, result.Total);
    }

    [Fact]
    public void A_category_whose_indicators_are_all_not_applicable_is_excluded_and_the_total_rescaled()
    {
        var inputs = new InputsBuilder().With("A.1", Input.Pass()).With("A.2", Input.Fail("x")).With("B.1", Input.Na()).Build();

        var result = ScoringEngine.Score(Plan(), inputs);

        var excluded = result.Categories.Single(c => c.Code == "B");
        Assert.True(excluded.Excluded);
        Assert.Null(excluded.Score);
        Assert.Equal(20.0m, result.Categories.Single(c => c.Code == "A").Score);
        Assert.Equal(50.0m, result.Total); // 100 × 20 / 40, not 20 out of 100
        Assert.Equal("不合格", result.Grade);
        Assert.False(result.NothingApplicable);
    }

    [Fact]
    public void When_every_category_is_not_applicable_the_result_is_flagged_zero_and_cannot_be_submitted()
    {
        var inputs = new InputsBuilder().With("A.1", Input.Na()).With("A.2", Input.Na()).With("B.1", Input.Na()).Build();

        var result = ScoringEngine.Score(Plan(everythingNaAble: true), inputs);

        Assert.True(result.NothingApplicable);
        Assert.All(result.Categories, c => Assert.True(c.Excluded));
        Assert.Equal(0m, result.Total);
        Assert.Equal(0m, result.TotalBeforeVeto);
        Assert.Equal("不合格", result.Grade);
        Assert.True(result.IsComplete);
        var error = Assert.Throws<DomainException>(result.EnsureSubmittable);
        Assert.Equal("Scoring.NothingApplicable", error.Code);
    }

    [Fact]
    public void An_indicator_without_input_is_listed_as_missing_and_scored_as_if_not_applicable()
    {
        var inputs = new InputsBuilder().With("A.1", Input.Pass()).With("B.1", Input.Pass()).Build();

        var result = ScoringEngine.Score(Plan(), inputs);

        Assert.Equal(["A.2"], result.Missing);
        Assert.Null(result.Points["A.2"]);
        Assert.Equal(40.0m, result.Categories[0].Score);
        Assert.Equal(100.0m, result.Total);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void An_input_with_only_a_note_counts_as_missing()
    {
        var inputs = new InputsBuilder()
            .With("A.1", new IndicatorInput { Note = "稍后再评" })
            .With("A.2", Input.Pass())
            .With("B.1", Input.Pass())
            .Build();

        var result = ScoringEngine.Score(Plan(), inputs);

        Assert.Equal(["A.1"], result.Missing);
    }

    [Fact]
    public void An_empty_form_lists_every_indicator_as_missing_in_plan_order()
    {
        var result = ScoringEngine.Score(Plan(), new InputsBuilder().Build());

        Assert.Equal(["A.1", "A.2", "B.1"], result.Missing);
        Assert.True(result.NothingApplicable);
        var error = Assert.Throws<DomainException>(result.EnsureSubmittable);
        Assert.Equal("Scoring.Incomplete", error.Code);
    }
}
