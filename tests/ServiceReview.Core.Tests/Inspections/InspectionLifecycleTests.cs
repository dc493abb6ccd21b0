using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Inspections;

public sealed class InspectionLifecycleTests
{
    private readonly InspectionBuilder _given = new();

    [Fact]
    public void A_new_inspection_is_assigned_with_an_empty_entry_for_every_indicator_of_the_plan()
    {
        var inspection = _given.Open();

        Assert.Equal(InspectionStatus.Assigned, inspection.Status);
        Assert.Equal(_given.Plan.IndicatorsInOrder().Select(i => i.Code), inspection.Entries.Select(e => e.IndicatorCode));
        Assert.Empty(inspection.Inputs());
    }

    [Fact]
    public void Saving_a_draft_records_inputs_and_adds_up_the_time_spent()
    {
        var inspection = _given.Open();

        inspection.SaveDraft([new("3.1", Input.Level("良好"))], 300, InspectionBuilder.Now);
        inspection.SaveDraft([new("3.2", Input.Level("一般"))], 420, InspectionBuilder.Now.AddMinutes(10));

        Assert.Equal(InspectionStatus.InProgress, inspection.Status);
        Assert.Equal(720, inspection.TimeSpentSeconds);
        Assert.Equal(InspectionBuilder.Now, inspection.StartedAt);
        Assert.Equal(["3.1", "3.2"], inspection.Inputs().Keys.Order());
    }

    [Fact]
    public void A_draft_naming_an_indicator_outside_the_plan_is_refused()
    {
        var inspection = _given.Open();

        var error = Assert.Throws<DomainException>(() => inspection.SaveDraft([new("9.9", Input.Pass())], 0, InspectionBuilder.Now));

        Assert.Equal("Inspection.UnknownIndicator", error.Code);
    }

    [Fact]
    public void Submitting_records_the_engines_points_category_scores_and_total()
    {
        var inspection = _given.Submitted();

        Assert.Equal(InspectionStatus.Submitted, inspection.Status);
        Assert.Equal(73.1m, inspection.Total);
        Assert.Equal("合格", inspection.Grade);
        Assert.Equal(5.6m, inspection.Entries.Single(e => e.IndicatorCode == "2.3").Points);
        Assert.Null(inspection.Entries.Single(e => e.IndicatorCode == "2.2").Points);
        Assert.Equal(20.0m, inspection.CategoryScores.Single(c => c.CategoryCode == "2").Score);
    }

    [Fact]
    public void Submitting_scores_the_entries_with_the_engine_itself()
    {
        var inspection = _given.Open();
        inspection.SaveDraft(InputsBuilder.WorkedExample().Build(), 60, InspectionBuilder.Now);

        var score = inspection.Submit(_given.Plan, _given.Round, InspectionBuilder.Now);

        var expected = ScoringEngine.Score(_given.Plan, inspection.Inputs());
        Assert.Equal(expected.Total, score.Total);
        Assert.Equal(expected.Total, inspection.Total);
        Assert.Equal(expected.TotalBeforeVeto, inspection.TotalBeforeVeto);
        Assert.Equal(expected.Grade, inspection.Grade);
        Assert.Equal(expected.Points.Select(p => (p.Key, p.Value)), inspection.Entries.Select(e => (e.IndicatorCode, e.Points)));
        Assert.False(inspection.IsLate);
    }

    [Fact]
    public void An_inspection_cannot_be_submitted_twice()
    {
        var inspection = _given.Submitted();

        var error = Assert.Throws<DomainException>(() => inspection.Submit(_given.Plan, _given.Round, InspectionBuilder.Now));
        Assert.Equal("Inspection.AlreadySubmitted", error.Code);
        Assert.Equal("Inspection.AlreadySubmitted", Assert.Throws<DomainException>(() => inspection.TrySubmit(_given.Plan, _given.Round, InspectionBuilder.Now)).Code);
        Assert.Equal(InspectionStatus.Submitted, inspection.Status);
    }

    [Fact]
    public void An_incomplete_inspection_cannot_be_submitted()
    {
        var inspection = _given.Open();
        inspection.SaveDraft(InputsBuilder.WorkedExample().Without("3.1").Build(), 60, InspectionBuilder.Now);

        var error = Assert.Throws<DomainException>(() => inspection.Submit(_given.Plan, _given.Round, InspectionBuilder.Now));

        Assert.Equal("Scoring.Incomplete", error.Code);
        Assert.Equal(InspectionStatus.InProgress, inspection.Status);
    }

    [Fact]
    public void A_refused_attempt_keeps_the_draft_and_names_what_is_missing()
    {
        var inspection = _given.Open();
        inspection.SaveDraft(InputsBuilder.WorkedExample().Without("3.1").Build(), 60, InspectionBuilder.Now);

        var attempt = inspection.TrySubmit(_given.Plan, _given.Round, InspectionBuilder.Now);

        Assert.False(attempt.Submitted);
        Assert.False(attempt.WindowClosed);
        Assert.Equal(["3.1"], attempt.Score.Missing);
        Assert.Equal(InspectionStatus.InProgress, inspection.Status);
        Assert.Null(inspection.Total);
    }

    [Fact]
    public void Submission_after_the_window_closed_is_refused_unless_a_manager_reopened_it()
    {
        var inspection = _given.Open();
        inspection.SaveDraft(InputsBuilder.WorkedExample().Build(), 60, InspectionBuilder.Now);
        var afterTheWindow = _given.Round.WindowClosesAt.AddMinutes(1);

        var error = Assert.Throws<DomainException>(() => inspection.Submit(_given.Plan, _given.Round, afterTheWindow));
        Assert.Equal("Inspection.WindowClosed", error.Code);
        Assert.True(inspection.TrySubmit(_given.Plan, _given.Round, afterTheWindow).WindowClosed);

        inspection.Reopen("检查员出差，延期提交");
        inspection.Submit(_given.Plan, _given.Round, afterTheWindow);
        Assert.True(inspection.IsLate);
        Assert.Equal(InspectionStatus.Submitted, inspection.Status);
    }

    [Fact]
    public void An_inspection_is_scored_only_against_its_own_plan_version()
    {
        var inspection = _given.Open();
        inspection.SaveDraft(InputsBuilder.WorkedExample().Build(), 60, InspectionBuilder.Now);
        var another = DefaultPlan.CreateVersion(InspectionBuilder.Now).WithId(2);

        Assert.Throws<ArgumentException>(() => inspection.Submit(another, _given.Round, InspectionBuilder.Now));
        Assert.Equal(InspectionStatus.InProgress, inspection.Status);
    }

    [Fact]
    public void A_confirmed_inspection_cannot_be_edited()
    {
        var inspection = _given.Submitted();
        inspection.Confirm(InspectionBuilder.Now.AddDays(1));

        var error = Assert.Throws<DomainException>(() => inspection.SaveDraft([new("3.1", Input.Level("差", "x"))], 10, InspectionBuilder.Now));

        Assert.Equal("Inspection.NotEditable", error.Code);
        Assert.Equal(InspectionStatus.Confirmed, inspection.Status);
    }

    [Fact]
    public void Only_a_submitted_inspection_can_be_confirmed()
    {
        var inspection = _given.Open();

        Assert.Equal("Inspection.NotSubmitted", Assert.Throws<DomainException>(() => inspection.Confirm(InspectionBuilder.Now)).Code);
    }

    [Fact]
    public void Only_an_unstarted_inspection_can_be_reassigned()
    {
        var unstarted = _given.Open();
        unstarted.Reassign(31);
        Assert.Equal(31, unstarted.InspectorId);

        var started = new InspectionBuilder().Open();
        started.SaveDraft([new("3.1", Input.Level("良好"))], 60, InspectionBuilder.Now);
        Assert.Equal("Inspection.AlreadyStarted", Assert.Throws<DomainException>(() => started.Reassign(31)).Code);
    }

    [Fact]
    public void A_measured_value_changed_by_the_inspector_is_an_override_that_needs_a_note()
    {
        var inspection = _given.Open();
        inspection.SetMeasured("1.1", new MeasuredFigure(96.0m, 240, 250));
        inspection.SaveDraft(InputsBuilder.WorkedExample().With("1.1", Input.Value(99m)).Build(), 60, InspectionBuilder.Now);

        var entry = inspection.Entries.Single(e => e.IndicatorCode == "1.1");
        Assert.True(entry.MeasuredOverridden);
        Assert.Contains("1.1", ScoringEngine.Score(_given.Plan, inspection.Inputs()).MissingEvidence);
    }

    [Fact]
    public void Marking_not_applicable_an_indicator_that_has_a_measured_figure_is_an_override()
    {
        var inspection = _given.Open();
        inspection.SetMeasured("2.2", new MeasuredFigure(77.2m, 166, 215));
        inspection.SaveDraft(InputsBuilder.WorkedExample().Build(), 60, InspectionBuilder.Now);

        var entry = inspection.Entries.Single(e => e.IndicatorCode == "2.2");
        Assert.True(entry.NotApplicable);
        Assert.True(entry.MeasuredOverridden);
        Assert.True(entry.Input.MeasuredOverridden);
    }

    [Fact]
    public void Not_applicable_for_lack_of_service_records_is_not_an_override()
    {
        var inspection = _given.Open();
        inspection.SetMeasured("2.2", new MeasuredFigure(null, 0, 0));
        inspection.SaveDraft(InputsBuilder.WorkedExample().Build(), 60, InspectionBuilder.Now);

        Assert.False(inspection.Entries.Single(e => e.IndicatorCode == "2.2").MeasuredOverridden);
    }

    [Fact]
    public void Keeping_the_measured_value_is_not_an_override()
    {
        var inspection = _given.Open();
        inspection.SetMeasured("1.1", new MeasuredFigure(96.0m, 240, 250));
        inspection.SaveDraft(InputsBuilder.WorkedExample().Build(), 60, InspectionBuilder.Now);

        Assert.False(inspection.Entries.Single(e => e.IndicatorCode == "1.1").MeasuredOverridden);
    }

    [Fact]
    public void Reopening_needs_a_reason_and_makes_a_confirmed_inspection_editable_again()
    {
        var inspection = _given.Submitted();
        inspection.Confirm(InspectionBuilder.Now);

        Assert.Equal("Inspection.ReopenReasonRequired", Assert.Throws<DomainException>(() => inspection.Reopen(" ")).Code);
        inspection.Reopen("评分依据有误，退回重评");

        Assert.Equal(InspectionStatus.InProgress, inspection.Status);
        Assert.Null(inspection.ConfirmedAt);
        Assert.True(inspection.IsEditable);
    }
}
