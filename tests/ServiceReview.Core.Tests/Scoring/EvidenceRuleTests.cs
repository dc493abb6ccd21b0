using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>避免虚高虚低: the inputs most open to inflation or deflation need a note before submitting.</summary>
public class EvidenceRuleTests
{
    public static TheoryData<string, Indicator, IndicatorInput, bool> Inputs => new()
    {
        { "top rating", Indicator.Rating("1.1", "评分", 10m), Input.Level("优秀"), true },
        { "bottom rating", Indicator.Rating("1.1", "评分", 10m), Input.Level("差"), true },
        { "middle rating 良好", Indicator.Rating("1.1", "评分", 10m), Input.Level("良好"), false },
        { "middle rating 较差", Indicator.Rating("1.1", "评分", 10m), Input.Level("较差"), false },
        { "top of levels listed low to high", Indicator.Rating("1.1", "评分", 10m, [new("低", 0m), new("中", 0.5m), new("高", 1m)]), Input.Level("高"), true },
        { "failed check", Indicator.Check("1.1", "检查", 10m), Input.Fail(), true },
        { "passed check", Indicator.Check("1.1", "检查", 10m), Input.Pass(), false },
        { "deduction of 0", Indicator.Deduction("1.1", "扣分", 10m, 1m), Input.Count(0), false },
        { "deduction above 0", Indicator.Deduction("1.1", "扣分", 10m, 1m), Input.Count(1), true },
        { "not applicable", Indicator.Check("1.1", "检查", 10m, naAllowed: true), Input.Na(note: null), true },
        { "measured value", Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]), Input.Value(50m), false },
        { "overridden measured value", Indicator.Percentage("1.1", "比例", 8m, [new(90m, 8m)]), new IndicatorInput { Value = 95m, MeasuredOverridden = true }, true },
        { "overridden measured count", Indicator.Deduction("1.1", "扣分", 6m, 1m), new IndicatorInput { Count = 0, MeasuredOverridden = true }, true },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_note_is_required_exactly_where_the_evidence_rule_says(string label, Indicator indicator, IndicatorInput input, bool required)
    {
        var result = ScoringEngine.Score(PlanBuilder.OneIndicator(indicator), new InputsBuilder().With("1.1", input).Build());

        Assert.True(required == result.MissingEvidence.Contains("1.1"), label);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_note_satisfies_the_evidence_rule(string label, Indicator indicator, IndicatorInput input, bool required)
    {
        _ = required;
        var result = ScoringEngine.Score(PlanBuilder.OneIndicator(indicator), new InputsBuilder().With("1.1", input with { Note = "见照片3" }).Build());

        Assert.True(result.MissingEvidence.Count == 0, label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_blank_note_counts_as_no_note(string note)
    {
        var result = ScoringEngine.Score(PlanBuilder.OneIndicator(Indicator.Check("1.1", "检查", 10m)), new InputsBuilder().With("1.1", Input.Fail(note)).Build());

        Assert.Equal(["1.1"], result.MissingEvidence);
    }

    [Fact]
    public void Submitting_names_the_missing_indicators_and_those_lacking_a_note()
    {
        var plan = DefaultPlan.CreateVersion();
        var inputs = InputsBuilder.WorkedExample().Without("2.3").With("3.1", Input.Level("优秀", " ")).With("4.2", Input.Count(1, null)).Build();
        var result = ScoringEngine.Score(plan, inputs);

        var error = Assert.Throws<DomainException>(result.EnsureSubmittable);

        Assert.Equal("Scoring.Incomplete", error.Code);
        Assert.Equal("2.3", error.Arguments[0]);
        Assert.Equal("3.1, 4.2", error.Arguments[1]);
        Assert.Equal(["3.1", "4.2"], result.MissingEvidence);
    }

    [Fact]
    public void A_complete_inspection_can_be_submitted()
    {
        var result = ScoringEngine.Score(DefaultPlan.CreateVersion(), InputsBuilder.WorkedExample().Build());

        var error = Record.Exception(result.EnsureSubmittable);

        Assert.Null(error);
    }

    [Fact]
    public void A_vetoed_inspection_can_be_submitted_once_the_failure_is_explained()
    {
        var inputs = InputsBuilder.WorkedExample().With("4.3", Input.Fail("违约，见合同偏离记录")).Build();
        var result = ScoringEngine.Score(DefaultPlan.CreateVersion(), inputs);

        Assert.Null(Record.Exception(result.EnsureSubmittable));
        Assert.True(result.IsVetoed);
    }
}
