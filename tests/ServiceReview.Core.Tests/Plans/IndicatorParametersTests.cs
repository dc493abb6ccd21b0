using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Tests.Plans;

/// <summary>The one-line parameter text of the workbook and the editor reads back to what it was written from.</summary>
public class IndicatorParametersTests
{
    [Fact]
    public void Every_indicator_of_the_default_plan_reads_back_to_the_same_parameters()
    {
        foreach (var indicator in DefaultPlan.CreateVersion().IndicatorsInOrder())
        {
            var text = IndicatorParameters.Format(indicator);
            switch (indicator.Kind)
            {
                case RuleKind.Rating:
                    Assert.Equal(indicator.Levels, IndicatorParameters.ParseLevels(text).Value);
                    break;
                case RuleKind.Deduction:
                    Assert.Equal(indicator.PerOccurrence, IndicatorParameters.ParseDeduction(text).Value);
                    break;
                case RuleKind.Bands:
                    var bands = IndicatorParameters.ParseBands(text);
                    Assert.Equal(indicator.Direction, bands.Value.Direction);
                    Assert.Equal(indicator.Bands, bands.Value.Bands);
                    break;
                default:
                    Assert.Equal("", text);
                    break;
            }
        }
    }

    [Theory]
    [InlineData(">=98 -> 8; >=95 -> 6")]
    [InlineData("≥98→8；≥95→6")]
    [InlineData("≥98:8\n≥95:6分")]
    public void Bands_accept_the_ways_people_type_them(string text)
    {
        var result = IndicatorParameters.ParseBands(text);
        Assert.True(result.Success);
        Assert.Equal(BandDirection.HigherIsBetter, result.Value.Direction);
        Assert.Equal([new Band(98m, 8m), new Band(95m, 6m)], result.Value.Bands);
    }

    [Fact]
    public void Lower_is_better_bands_are_written_with_at_most()
    {
        var result = IndicatorParameters.ParseBands("≤2→6; ≤5→3");
        Assert.Equal(BandDirection.LowerIsBetter, result.Value.Direction);
        Assert.Equal("≤2→6; ≤5→3", IndicatorParameters.FormatBands(result.Value.Direction, result.Value.Bands));
    }

    [Theory]
    [InlineData("98→8", "Plans.Parameters.Band")]
    [InlineData("≥98→八", "Plans.Parameters.Band")]
    [InlineData("≥98→8; ≤90→4", "Plans.Parameters.MixedDirections")]
    [InlineData("", "Plans.Parameters.BandsMissing")]
    public void Bands_that_do_not_read_name_the_problem(string text, string code)
    {
        var result = IndicatorParameters.ParseBands(text);
        Assert.False(result.Success);
        Assert.Equal(code, result.ErrorCode);
    }

    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("1分/次", 1)]
    public void A_deduction_step_reads_with_or_without_its_unit(string text, decimal expected) =>
        Assert.Equal(expected, IndicatorParameters.ParseDeduction(text).Value);

    [Fact]
    public void Levels_without_a_fraction_are_refused()
    {
        var result = IndicatorParameters.ParseLevels("优秀=1; 良好");
        Assert.Equal(("Plans.Parameters.Level", "良好"), (result.ErrorCode, result.ErrorText));
    }
}
