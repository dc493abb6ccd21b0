using ServiceReview.Core.Inspections;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Inspections;

/// <summary>Inspection.Preview: the form's inputs scored against the record, overrides of its measured figures marked by Core.</summary>
public sealed class The_live_preview_of_an_inspection
{
    private readonly InspectionBuilder _given = new();

    [Fact]
    public void The_preview_scores_as_the_engine_does_and_changes_nothing()
    {
        var inspection = _given.Open();
        var inputs = InputsBuilder.WorkedExample().Build();

        var preview = inspection.Preview(_given.Plan, inputs);

        Assert.Equal(73.1m, preview.Score.Total);
        Assert.Equal(ScoringEngine.Score(_given.Plan, inputs).Points, preview.Score.Points);
        Assert.Empty(preview.Overridden);
        Assert.Empty(inspection.Inputs());
        Assert.Equal(InspectionStatus.Assigned, inspection.Status);
    }

    [Fact]
    public void A_value_other_than_the_stored_figure_is_an_override_that_needs_a_note()
    {
        var inspection = _given.Open();
        inspection.SetMeasured("1.1", new MeasuredFigure(96.0m, 240, 250));
        inspection.SetMeasured("2.2", new MeasuredFigure(77.2m, 166, 215));

        var preview = inspection.Preview(_given.Plan, InputsBuilder.WorkedExample().With("1.1", Input.Value(99m)).Build());

        Assert.Equal(["1.1", "2.2"], preview.Overridden);
        Assert.Contains("1.1", preview.Score.MissingEvidence);
        Assert.DoesNotContain("2.2", preview.Score.MissingEvidence); // its N/A carries a note already
    }

    [Fact]
    public void Keeping_the_stored_figure_is_no_override()
    {
        var inspection = _given.Open();
        inspection.SetMeasured("1.1", new MeasuredFigure(96.0m, 240, 250));

        var preview = inspection.Preview(_given.Plan, InputsBuilder.WorkedExample().Build());

        Assert.Empty(preview.Overridden);
        Assert.DoesNotContain("1.1", preview.Score.MissingEvidence);
    }
}
