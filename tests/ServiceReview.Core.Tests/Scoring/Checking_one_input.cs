using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>
/// ScoringEngine.Check: one pure check per indicator and input, with the same verdict the engine's scoring gives
/// (it throws what Check returns), so a form can check each input without scoring the plan.
/// </summary>
public sealed class Checking_one_input
{
    private static readonly Indicator Rating = Indicator.Rating("1.1", "评分", 10m);
    private static readonly Indicator Check = Indicator.Check("1.1", "检查", 10m);
    private static readonly Indicator Deduction = Indicator.Deduction("1.1", "扣分", 10m, 1m);
    private static readonly Indicator Percentage = Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]);

    public static TheoryData<string, Indicator, IndicatorInput> ValidInputs => new()
    {
        { "a level of the list", Rating, Input.Level("良好") },
        { "a pass", Check, Input.Pass() },
        { "a fail", Check, Input.Fail() },
        { "a count of 0", Deduction, Input.Count(0) },
        { "a count above the maximum", Deduction, Input.Count(40) },
        { "0 %", Percentage, Input.Value(0m) },
        { "100 %", Percentage, Input.Value(100m) },
        { "N/A where allowed", Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)], naAllowed: true), Input.Na() },
        { "nothing yet", Rating, new IndicatorInput() },
        { "only a note", Check, new IndicatorInput { Note = "尚未检查" } },
    };

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void An_input_that_fits_its_indicator_is_not_refused(string label, Indicator indicator, IndicatorInput input)
    {
        Assert.True(ScoringEngine.Check(indicator, input) is null, label);
    }

    [Theory]
    [MemberData(nameof(InputValidationTests.InvalidInputs), MemberType = typeof(InputValidationTests))]
    public void An_input_that_does_not_fit_is_refused_with_the_code_the_engine_throws(string label, Indicator indicator, IndicatorInput input, string code)
    {
        var refusal = ScoringEngine.Check(indicator, input);

        Assert.True(refusal is not null, label);
        Assert.Equal(code, refusal.Code);
        Assert.Equal("1.1", refusal.Arguments[0]);
        var thrown = Assert.Throws<DomainException>(() => ScoringEngine.Score(PlanBuilder.OneIndicator(indicator), new InputsBuilder().With("1.1", input).Build()));
        Assert.Equal(refusal.Code, thrown.Code);
        Assert.Equal(refusal.Arguments, thrown.Arguments);
        Assert.Equal(refusal.ToException().Message, thrown.Message);
    }

    [Theory]
    [InlineData(100.1)]
    [InlineData(-0.1)]
    public void A_value_out_of_range_names_the_value_and_the_range(decimal value)
    {
        var refusal = ScoringEngine.Check(Percentage, Input.Value(value));

        Assert.NotNull(refusal);
        Assert.Equal("Scoring.ValueOutOfRange", refusal.Code);
        Assert.Equal(["1.1", value, 0m, 100m], refusal.Arguments);
    }

    [Fact]
    public void Every_refusal_of_a_form_is_listed_with_its_indicator_and_an_unknown_code_too()
    {
        var plan = new PlanBuilder().Category("1", 100m, c => c.Check("1.1").Rating("1.2").Percentage("1.3", 8m, new Band(90m, 8m))).Build();
        var inputs = new InputsBuilder()
            .With("1.1", Input.Pass())
            .With("1.2", Input.Level("很好"))
            .With("1.3", Input.Value(101m))
            .With("9.9", Input.Pass())
            .Build();

        var refusals = ScoringEngine.Check(plan, inputs);

        Assert.Equal(
            [("1.2", "Scoring.UnknownLevel"), ("1.3", "Scoring.ValueOutOfRange"), ("9.9", "Scoring.UnknownIndicator")],
            refusals.Select(r => (r.Key, r.Value.Code)).Order());
    }

    [Fact]
    public void A_rule_asked_for_points_of_an_input_it_refuses_throws_the_refusal()
    {
        var error = Assert.Throws<DomainException>(() => ScoringEngine.RuleFor(RuleKind.Deduction).Points(Deduction, Input.Count(-1)));

        Assert.Equal("Scoring.NegativeCount", error.Code);
    }
}
