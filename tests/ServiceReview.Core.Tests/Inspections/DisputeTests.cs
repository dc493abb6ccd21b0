using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Inspections;

public sealed class DisputeTests
{
    private readonly InspectionBuilder _given = new();

    [Fact]
    public void A_lead_disputes_named_indicators_with_reasons_and_the_inspection_waits_for_arbitration()
    {
        var inspection = _given.Submitted();

        var dispute = inspection.Dispute(20, [("3.2", "协调会议纪要可证明沟通顺畅")], InspectionBuilder.Now);

        Assert.Equal(InspectionStatus.Disputed, inspection.Status);
        Assert.Equal(DisputeStatus.Open, dispute.Status);
        Assert.Equal("3.2", Assert.Single(dispute.Items).IndicatorCode);
    }

    [Theory]
    [InlineData("3.2", "", "Dispute.ReasonRequired")]
    [InlineData("9.9", "理由", "Dispute.UnknownIndicator")]
    public void A_dispute_needs_known_indicators_and_a_reason_for_each(string code, string reason, string expectedCode)
    {
        var inspection = _given.Submitted();

        var error = Assert.Throws<DomainException>(() => inspection.Dispute(20, [(code, reason)], InspectionBuilder.Now));

        Assert.Equal(expectedCode, error.Code);
        Assert.Equal(InspectionStatus.Submitted, inspection.Status);
    }

    [Fact]
    public void Arbitration_that_changes_an_input_rescores_and_confirms_the_inspection()
    {
        var inspection = _given.Submitted();
        var dispute = inspection.Dispute(20, [("3.2", "有会议纪要")], InspectionBuilder.Now);

        dispute.Rule(40, new Dictionary<string, (DisputeOutcome, string)> { ["3.2"] = (DisputeOutcome.Changed, "纪要属实，改为良好") }, InspectionBuilder.Now);
        inspection.Arbitrate(dispute, [new("3.2", Input.Level("良好"))], _given.Plan, InspectionBuilder.Now);

        Assert.Equal(InspectionStatus.Confirmed, inspection.Status);
        Assert.Equal(75.1m, inspection.Total); // 3.2 goes from 6 to 8 points: category 3 = 18.0
        Assert.Equal(DisputeStatus.Ruled, dispute.Status);
    }

    [Fact]
    public void A_ruling_keeps_the_original_and_the_ruled_input_and_points_on_each_disputed_item()
    {
        var inspection = _given.Submitted();
        var originalInput = inspection.Entries.Single(e => e.IndicatorCode == "3.2").Input;
        var keptInput = inspection.Entries.Single(e => e.IndicatorCode == "5.3").Input;
        var dispute = inspection.Dispute(20, [("3.2", "有会议纪要"), ("5.3", "任务量超出合同")], InspectionBuilder.Now);

        dispute.Rule(40, new Dictionary<string, (DisputeOutcome, string)>
        {
            ["3.2"] = (DisputeOutcome.Changed, "纪要属实，改为良好"),
            ["5.3"] = (DisputeOutcome.Upheld, "维持"),
        }, InspectionBuilder.Now);
        inspection.Arbitrate(dispute, [new("3.2", Input.Level("良好"))], _given.Plan, InspectionBuilder.Now);

        var changed = dispute.Items.Single(i => i.IndicatorCode == "3.2");
        Assert.Equal(originalInput.Level, changed.Original!.Input.Level);
        Assert.Equal(6m, changed.Original.Points);
        Assert.Equal("良好", changed.Ruled!.Input.Level);
        Assert.Equal(8m, changed.Ruled.Points);
        Assert.True(changed.ChangedScore);
        var upheld = dispute.Items.Single(i => i.IndicatorCode == "5.3");
        Assert.Equal(upheld.Original, upheld.Ruled);
        Assert.Equal(keptInput.Count, upheld.Ruled!.Input.Count);
        Assert.False(upheld.ChangedScore);
    }

    [Fact]
    public void Every_disputed_item_needs_a_written_ruling()
    {
        var inspection = _given.Submitted();
        var dispute = inspection.Dispute(20, [("3.2", "有会议纪要"), ("5.3", "任务量超出合同")], InspectionBuilder.Now);

        var error = Assert.Throws<DomainException>(() =>
            dispute.Rule(40, new Dictionary<string, (DisputeOutcome, string)> { ["3.2"] = (DisputeOutcome.Upheld, "维持") }, InspectionBuilder.Now));

        Assert.Equal("Dispute.RulingRequired", error.Code);
        Assert.Equal(DisputeStatus.Open, dispute.Status);
    }

    [Fact]
    public void Only_a_disputed_inspection_can_be_arbitrated()
    {
        var inspection = _given.Submitted();
        var other = new InspectionBuilder().Submitted();
        var dispute = other.Dispute(20, [("3.2", "有会议纪要")], InspectionBuilder.Now);
        dispute.Rule(40, new Dictionary<string, (DisputeOutcome, string)> { ["3.2"] = (DisputeOutcome.Upheld, "维持") }, InspectionBuilder.Now);

        var error = Assert.Throws<DomainException>(() =>
            inspection.Arbitrate(dispute, [], _given.Plan, InspectionBuilder.Now));

        Assert.Equal("Inspection.NotDisputed", error.Code);
    }
}
