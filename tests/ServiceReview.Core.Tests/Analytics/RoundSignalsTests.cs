using ServiceReview.Core.Analytics;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Tests.Analytics;

/// <summary>The round dashboard's signals of inflated or deflated results.</summary>
public class RoundSignalsTests
{
    private static readonly Dictionary<int, double> NoMedian = [];

    [Fact]
    public void An_inspector_marking_far_more_N_A_than_the_others_is_signalled_with_the_inspections_behind_it()
    {
        SignalInspection[] inspections = [new(1, 10, 100, 1, 80, 1800), new(2, 10, 200, 1, 82, 1800), new(3, 11, 100, 1, 85, 1800), new(4, 11, 200, 1, 84, 1800)];
        var entries = new List<SignalEntry>();
        foreach (var i in inspections)
        {
            for (var k = 0; k < 10; k++)
            {
                var na = i.InspectorId == 100 && i.Id == 1 && k < 3;
                entries.Add(new SignalEntry(i.Id, $"1.{k}", na, false, false, 0));
            }
        }

        var signal = Assert.Single(RoundSignals.Compute(inspections, entries, NoMedian));

        Assert.Equal(SignalKind.NotApplicableRate, signal.Kind);
        Assert.Equal(100, signal.InspectorId);
        Assert.Equal([1], signal.InspectionIds);
        Assert.Equal(0.15, signal.Value, 10);
        Assert.Equal(0, signal.Reference, 10);
    }

    [Fact]
    public void Most_teams_at_the_ceiling_is_signalled_and_half_of_them_is_not()
    {
        SignalInspection[] high = [new(1, 10, 100, 1, 96, 1800), new(2, 11, 100, 1, 97, 1800), new(3, 12, 100, 1, 80, 1800)];
        SignalInspection[] half = [new(1, 10, 100, 1, 96, 1800), new(3, 12, 100, 1, 80, 1800)];

        var signal = Assert.Single(RoundSignals.Compute(high, [], NoMedian));
        Assert.Equal(SignalKind.Ceiling, signal.Kind);
        Assert.Equal([1, 2], signal.InspectionIds);
        Assert.Empty(RoundSignals.Compute(half, [], NoMedian));
    }

    [Fact]
    public void Overrides_thin_evidence_and_fast_fills_each_point_at_their_inspection()
    {
        SignalInspection[] inspections = [new(1, 10, 100, 1, 80, 1800), new(2, 11, 200, 1, 70, 500)];
        SignalEntry[] entries =
        [
            new(1, "2.1", false, true, false, 30),
            new(2, "3.1", false, false, true, 4),
            new(2, "3.2", false, false, true, 25),
        ];

        var signals = RoundSignals.Compute(inspections, entries, new Dictionary<int, double> { [1] = 1800 });

        var overridden = Assert.Single(signals, s => s.Kind == SignalKind.OverriddenMeasure);
        Assert.Equal([1], overridden.InspectionIds);
        Assert.Equal(["2.1"], overridden.IndicatorCodes);
        var thin = Assert.Single(signals, s => s.Kind == SignalKind.ThinEvidence);
        Assert.Equal([2], thin.InspectionIds);
        Assert.Equal(["3.1"], thin.IndicatorCodes);
        var fast = Assert.Single(signals, s => s.Kind == SignalKind.FastFill);
        Assert.Equal(200, fast.InspectorId);
        Assert.Equal([2], fast.InspectionIds);
        Assert.Equal(1800, fast.Reference);
        Assert.Equal(3, signals.Count);
    }

    [Fact]
    public void The_median_needs_enough_inspections()
    {
        Assert.Null(RoundSignals.Median([100, 200, 300], SignalBounds.Default));
        Assert.Equal(300, RoundSignals.Median([100, 200, 300, 400, 500], SignalBounds.Default));
        Assert.Equal(350, RoundSignals.Median([100, 200, 300, 400, 500, 600], SignalBounds.Default));
    }

    [Fact]
    public void An_empty_round_or_one_inspector_gives_no_signals()
    {
        Assert.Empty(RoundSignals.Compute([], [], NoMedian));
        SignalInspection[] one = [new(1, 10, 100, 1, 80, 1800)];
        Assert.Empty(RoundSignals.Compute(one, [new SignalEntry(1, "2.2", true, false, false, 10)], NoMedian));
    }

    [Fact]
    public void Extremes_are_top_or_bottom_ratings_failed_checks_and_emptied_deductions_on_judged_indicators()
    {
        var plan = DefaultPlan.CreateVersion();
        Assert.True(RoundSignals.IsExtreme(plan.FindIndicator("3.1")!, 10));
        Assert.True(RoundSignals.IsExtreme(plan.FindIndicator("3.1")!, 0));
        Assert.False(RoundSignals.IsExtreme(plan.FindIndicator("3.1")!, 8));
        Assert.True(RoundSignals.IsExtreme(plan.FindIndicator("1.3")!, 0));
        Assert.False(RoundSignals.IsExtreme(plan.FindIndicator("1.3")!, 6));
        Assert.True(RoundSignals.IsExtreme(plan.FindIndicator("4.2")!, 0));
        Assert.False(RoundSignals.IsExtreme(plan.FindIndicator("1.1")!, 0)); // measured: the data speak
        Assert.False(RoundSignals.IsExtreme(plan.FindIndicator("3.1")!, null));
    }
}
