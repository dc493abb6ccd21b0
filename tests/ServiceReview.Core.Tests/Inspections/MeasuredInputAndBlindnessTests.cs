using ServiceReview.Core.Inspections;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Inspections;

public sealed class MeasuredInputAndBlindnessTests
{
    private readonly InspectionBuilder _given = new();

    [Fact]
    public void A_measured_percentage_prefills_the_value_of_a_bands_indicator()
    {
        var input = MeasuredInput.For(_given.Plan.FindIndicator("1.1")!, new MeasuredFigure(96.3m, 231, 240));

        Assert.Equal(96.3m, input!.Value);
        Assert.Null(input.Count);
        Assert.False(input.NotApplicable);
    }

    [Fact]
    public void A_measured_count_prefills_the_count_of_a_deduction_indicator()
    {
        var input = MeasuredInput.For(_given.Plan.FindIndicator("1.2")!, new MeasuredFigure(2m, 2, 240));

        Assert.Equal(2, input!.Count);
        Assert.Null(input.Value);
    }

    [Fact]
    public void A_figure_without_a_value_makes_the_indicator_not_applicable_with_the_reason_no_service_records()
    {
        var input = MeasuredInput.For(_given.Plan.FindIndicator("2.2")!, new MeasuredFigure(null, 0, 0));

        Assert.True(input!.NotApplicable);
        Assert.Equal("无服务记录", input.Note);
    }

    [Fact]
    public void A_figure_without_a_value_prefills_nothing_when_the_indicator_cannot_be_not_applicable()
    {
        Assert.Null(MeasuredInput.For(_given.Plan.FindIndicator("1.3")!, new MeasuredFigure(null, 0, 0)));
    }

    [Fact]
    public void A_fractional_figure_prefills_no_count()
    {
        Assert.Null(MeasuredInput.For(_given.Plan.FindIndicator("1.2")!, new MeasuredFigure(1.5m, null, null)));
    }

    [Fact]
    public void An_inspection_knows_once_its_measured_figures_are_set()
    {
        var inspection = _given.Open();
        Assert.False(inspection.HasMeasuredFigures);

        inspection.SetMeasured("2.2", new MeasuredFigure(null, 0, 0));

        Assert.True(inspection.HasMeasuredFigures);
    }

    [Fact]
    public void An_inspector_has_not_handed_in_until_they_submit_and_has_after()
    {
        var draft = _given.Open();
        draft.SaveDraft([new("3.1", Input.Level("良好"))], 60, InspectionBuilder.Now);
        Assert.False(draft.HasBeenSubmitted);

        Assert.True(new InspectionBuilder().Submitted().HasBeenSubmitted);
    }
}
