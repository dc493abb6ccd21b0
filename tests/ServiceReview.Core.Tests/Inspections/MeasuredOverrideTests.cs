using ServiceReview.Core.Inspections;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Tests.Inspections;

/// <summary>The override rule shared by the inspection form and calibration exercises.</summary>
public sealed class MeasuredOverrideTests
{
    private static readonly MeasuredFigure Figure = new(96.3m, 231, 240);

    [Fact]
    public void Keeping_the_figure_is_no_override()
    {
        Assert.False(MeasuredInput.Overrides(Figure, new IndicatorInput { Value = 96.3m }));
        Assert.False(MeasuredInput.Marked(Figure, new IndicatorInput { Value = 96.3m }).MeasuredOverridden);
    }

    [Fact]
    public void Another_value_another_count_or_not_applicable_overrides_a_figure_with_a_value()
    {
        Assert.True(MeasuredInput.Overrides(Figure, new IndicatorInput { Value = 96m }));
        Assert.True(MeasuredInput.Overrides(new MeasuredFigure(2m, 2, 240), new IndicatorInput { Count = 1 }));
        Assert.True(MeasuredInput.Overrides(Figure, new IndicatorInput { NotApplicable = true }));
        Assert.True(MeasuredInput.Marked(Figure, new IndicatorInput { Value = 96m }).MeasuredOverridden);
    }

    [Fact]
    public void A_figure_without_a_value_or_no_figure_is_never_overridden()
    {
        Assert.False(MeasuredInput.Overrides(new MeasuredFigure(null, 0, 0), new IndicatorInput { Value = 90m }));
        Assert.False(MeasuredInput.Marked(null, new IndicatorInput { Value = 90m }).MeasuredOverridden);
    }
}
