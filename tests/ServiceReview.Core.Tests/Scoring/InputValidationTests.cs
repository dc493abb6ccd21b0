using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>Input that does not fit its indicator is refused with a code and the indicator named.</summary>
public class InputValidationTests
{
    public static TheoryData<string, Indicator, IndicatorInput, string> InvalidInputs => new()
    {
        { "unknown level", Indicator.Rating("1.1", "评分", 10m), Input.Level("很好"), "Scoring.UnknownLevel" },
        { "count for a rating", Indicator.Rating("1.1", "评分", 10m), Input.Count(1), "Scoring.WrongInputKind" },
        { "level and count", Indicator.Rating("1.1", "评分", 10m), new IndicatorInput { Level = "优秀", Count = 1 }, "Scoring.WrongInputKind" },
        { "value for a check", Indicator.Check("1.1", "检查", 10m), Input.Value(1m), "Scoring.WrongInputKind" },
        { "negative count", Indicator.Deduction("1.1", "扣分", 10m, 1m), Input.Count(-1), "Scoring.NegativeCount" },
        { "pass for a deduction", Indicator.Deduction("1.1", "扣分", 10m, 1m), Input.Pass(), "Scoring.WrongInputKind" },
        { "percentage above 100", Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]), Input.Value(100.1m), "Scoring.ValueOutOfRange" },
        { "percentage below 0", Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]), Input.Value(-0.1m), "Scoring.ValueOutOfRange" },
        { "level for bands", Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]), Input.Level("优秀"), "Scoring.WrongInputKind" },
        { "N/A not allowed", Indicator.Check("1.1", "检查", 10m), Input.Na(), "Scoring.NotApplicableNotAllowed" },
        { "N/A with a value", Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]), new IndicatorInput { NotApplicable = true, Value = 95m, Note = "x" }, "Scoring.WrongInputKind" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Invalid_input_is_refused_with_its_code_and_the_indicator_code_first(string label, Indicator indicator, IndicatorInput input, string code)
    {
        var plan = PlanBuilder.OneIndicator(indicator);

        var error = Assert.Throws<DomainException>(() => ScoringEngine.Score(plan, new InputsBuilder().With("1.1", input).Build()));

        Assert.True(code == error.Code, $"{label}: expected {code}, got {error.Code}");
        Assert.Equal("1.1", error.Arguments[0]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(100.0)]
    public void Percentages_at_the_ends_of_their_range_are_accepted(decimal value)
    {
        var plan = PlanBuilder.OneIndicator(Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]));

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("1.1", Input.Value(value)).Build());

        Assert.NotNull(result.Points["1.1"]);
    }

    [Fact]
    public void An_input_for_an_indicator_the_plan_lacks_is_refused()
    {
        var plan = PlanBuilder.OneIndicator(Indicator.Check("1.1", "检查", 10m));

        var error = Assert.Throws<DomainException>(() =>
            ScoringEngine.Score(plan, new InputsBuilder().With("1.1", Input.Pass()).With("9.9", Input.Pass()).Build()));

        Assert.Equal("Scoring.UnknownIndicator", error.Code);
        Assert.Equal("9.9", error.Arguments[0]);
    }

    [Fact]
    public void A_plan_that_does_not_validate_is_not_scored()
    {
        var plan = new PlanBuilder().Category("1", 90m, c => c.Check("1.1")).Build();

        var error = Assert.Throws<PlanValidationException>(() => ScoringEngine.Score(plan, new InputsBuilder().Build()));

        Assert.Equal("Plan.Invalid", error.Code);
        Assert.Contains(error.Problems, p => p.Code == "Plan.WeightsNot100");
    }

    [Fact]
    public void A_level_label_with_surrounding_spaces_is_recognised()
    {
        var plan = PlanBuilder.OneIndicator(Indicator.Rating("1.1", "评分", 10m));

        var result = ScoringEngine.Score(plan, new InputsBuilder().With("1.1", Input.Level(" 良好 ")).Build());

        Assert.Equal(8m, result.Points["1.1"]);
    }
}
