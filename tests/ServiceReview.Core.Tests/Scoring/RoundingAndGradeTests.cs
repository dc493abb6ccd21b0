using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>One decimal, half away from zero, at the end only; the grade comes from the rounded total.</summary>
public class RoundingAndGradeTests
{
    /// <summary>One category of weight 100 with one deduction of 1 point per occurrence: total = 100 × (max − count) / max.</summary>
    private static ScoreResult TotalFromDeduction(decimal max, int count, PlanBuilder? builder = null)
    {
        var plan = (builder ?? new PlanBuilder()).Category("1", 100m, c => c.Deduction("1.1", max, 1m)).Build();
        return ScoringEngine.Score(plan, new InputsBuilder().With("1.1", Input.Count(count)).Build());
    }

    [Fact]
    public void Category_scores_ending_in_five_hundredths_round_away_from_zero()
    {
        // A: 35 × 7/20 = 12.25 → 12.3; B: 65 × 7/20 = 22.75 → 22.8 (banker's rounding would give 12.2 and 22.8).
        var plan = new PlanBuilder()
            .Category("A", 35m, c => c.Deduction("A.1", 20m, 1m))
            .Category("B", 65m, c => c.Deduction("B.1", 20m, 1m))
            .Build();

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("A.1", Input.Count(13)).With("B.1", Input.Count(13)).Build());

        Assert.Equal(12.3m, result.Categories[0].Score);
        Assert.Equal(22.8m, result.Categories[1].Score);
    }

    [Fact]
    public void The_total_is_computed_from_unrounded_category_scores()
    {
        // 12.25 + 22.75 = 35.0; adding the rounded category scores would give 12.3 + 22.8 = 35.1.
        var plan = new PlanBuilder()
            .Category("A", 35m, c => c.Deduction("A.1", 20m, 1m))
            .Category("B", 65m, c => c.Deduction("B.1", 20m, 1m))
            .Build();

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("A.1", Input.Count(13)).With("B.1", Input.Count(13)).Build());

        Assert.Equal(35.0m, result.Total);
        Assert.NotEqual(result.Categories.Sum(c => c.Score), result.Total);
    }

    [Fact]
    public void A_rescaled_total_is_computed_from_unrounded_category_scores_too()
    {
        // A: 35 × 7/20 = 12.25, B: 25 × 7/20 = 8.75, C N/A → 100 × 21.0 / 60 = 35.0.
        // Rounding the categories first would give 100 × (12.3 + 8.8) / 60 = 35.17 → 35.2.
        var plan = new PlanBuilder()
            .Category("A", 35m, c => c.Deduction("A.1", 20m, 1m))
            .Category("B", 25m, c => c.Deduction("B.1", 20m, 1m))
            .Category("C", 40m, c => c.Check("C.1", 10m, naAllowed: true))
            .Build();
        var inputs = new InputsBuilder().With("A.1", Input.Count(13)).With("B.1", Input.Count(13)).With("C.1", Input.Na()).Build();

        var result = ScoringEngine.Score(plan, inputs);

        Assert.Equal(12.3m, result.Categories[0].Score);
        Assert.Equal(8.8m, result.Categories[1].Score);
        Assert.Equal(35.0m, result.Total);
    }

    [Theory]
    [InlineData(1000, 100, 90.0, "优秀")]
    [InlineData(1000, 101, 89.9, "良好")]
    [InlineData(2000, 201, 90.0, "优秀")] // 89.95 rounds to 90.0
    [InlineData(5000, 503, 89.9, "良好")] // 89.94
    [InlineData(1000, 200, 80.0, "良好")]
    [InlineData(1000, 201, 79.9, "合格")]
    [InlineData(2000, 401, 80.0, "良好")] // 79.95
    [InlineData(1000, 400, 60.0, "合格")]
    [InlineData(1000, 401, 59.9, "不合格")]
    [InlineData(2000, 801, 60.0, "合格")] // 59.95
    [InlineData(1000, 1000, 0.0, "不合格")]
    public void The_grade_comes_from_the_rounded_total(decimal max, int count, decimal total, string grade)
    {
        var result = TotalFromDeduction(max, count);

        Assert.Equal(total, result.Total);
        Assert.Equal(grade, result.Grade);
    }

    [Theory]
    [InlineData(50, "A")] // 95.0
    [InlineData(51, "B")] // 94.9
    [InlineData(300, "B")] // 70.0
    [InlineData(301, "C")] // 69.9
    public void The_grade_bounds_of_the_plan_version_are_used(int count, string grade)
    {
        var builder = new PlanBuilder().WithGradeBounds(new GradeBound("A", 95m), new GradeBound("B", 70m), new GradeBound("C", 0m));

        Assert.Equal(grade, TotalFromDeduction(1000m, count, builder).Grade);
    }

    [Theory]
    [InlineData(12.25, 12.3)]
    [InlineData(12.35, 12.4)]
    [InlineData(12.249, 12.2)]
    [InlineData(-0.05, -0.1)]
    [InlineData(89.95, 90.0)]
    public void Score_rounding_is_one_decimal_half_away_from_zero(decimal value, decimal expected)
    {
        Assert.Equal(expected, ScoreRounding.Round(value));
    }
}
