using ServiceReview.Core.Rounds;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Rounds;

/// <summary>"Closed unless reopened", the one window rule (Round.SubmissionWindowFor) every submission and list asks.</summary>
public sealed class The_submission_window
{
    private static readonly DateTime Now = InspectionBuilder.Now;

    private readonly InspectionBuilder _given = new();

    [Fact]
    public void Inside_the_window_of_an_open_round_an_inspection_may_be_submitted_on_time()
    {
        var inspection = _given.Open();

        var window = _given.Round.SubmissionWindowFor(inspection, Now);

        Assert.Equal(SubmissionWindow.Open, window);
        Assert.True(window.AcceptsSubmission());
        Assert.False(window.IsLate());
    }

    [Fact]
    public void The_bounds_of_the_window_are_inside_it()
    {
        var inspection = _given.Open();

        Assert.Equal(SubmissionWindow.Open, _given.Round.SubmissionWindowFor(inspection, _given.Round.WindowOpensAt));
        Assert.Equal(SubmissionWindow.Open, _given.Round.SubmissionWindowFor(inspection, _given.Round.WindowClosesAt));
    }

    [Fact]
    public void After_the_window_an_inspection_that_was_not_reopened_is_closed()
    {
        var inspection = _given.Open();

        var window = _given.Round.SubmissionWindowFor(inspection, _given.Round.WindowClosesAt.AddSeconds(1));

        Assert.Equal(SubmissionWindow.Closed, window);
        Assert.False(window.AcceptsSubmission());
    }

    [Fact]
    public void A_closed_round_closes_the_window_even_before_its_end()
    {
        var inspection = _given.Open();
        _given.Round.Close(Now);

        Assert.Equal(SubmissionWindow.Closed, _given.Round.SubmissionWindowFor(inspection, Now));
    }

    [Fact]
    public void Before_the_window_opens_nothing_is_accepted_and_nothing_is_overdue()
    {
        var round = new Round("批次", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), _given.Plan.Id, Now.AddDays(1), Now.AddDays(8), AggregationMethod.Mean).WithId(7);
        round.AddTeam(_given.Team.Id);
        round.Assign(_given.Team, _given.Inspector);
        var inspection = round.Open(_given.Plan, Now).Single();

        var window = round.SubmissionWindowFor(inspection, Now);

        Assert.Equal(SubmissionWindow.NotYetOpen, window);
        Assert.False(window.AcceptsSubmission());
    }

    [Fact]
    public void A_reopened_inspection_may_be_submitted_after_the_window_and_is_then_late()
    {
        var inspection = _given.Submitted();
        inspection.Reopen("评分依据有误，退回重评");
        _given.Round.Close(Now.AddDays(8));

        var window = _given.Round.SubmissionWindowFor(inspection, Now.AddDays(9));

        Assert.Equal(SubmissionWindow.Reopened, window);
        Assert.True(window.AcceptsSubmission());
        Assert.True(window.IsLate());
    }

    [Fact]
    public void A_reopened_inspection_inside_the_window_is_on_time()
    {
        var inspection = _given.Submitted();
        inspection.Reopen("评分依据有误，退回重评");

        Assert.Equal(SubmissionWindow.Open, _given.Round.SubmissionWindowFor(inspection, Now));
    }

    [Fact]
    public void The_rule_on_columns_answers_as_the_rule_on_entities()
    {
        var inspection = _given.Open();
        foreach (var at in new[] { Now.AddDays(-2), Now, Now.AddDays(8) })
        {
            Assert.Equal(
                _given.Round.SubmissionWindowFor(inspection, at),
                Round.SubmissionWindowFor(_given.Round.Status, _given.Round.WindowOpensAt, _given.Round.WindowClosesAt, reopened: false, at));
        }
    }

    [Fact]
    public void Another_rounds_inspection_is_not_judged_by_this_window()
    {
        var other = new InspectionBuilder();
        var inspection = other.Open();
        var round = new Round("批次", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), _given.Plan.Id, Now, Now.AddDays(8), AggregationMethod.Mean).WithId(8);

        Assert.Throws<ArgumentException>(() => round.SubmissionWindowFor(inspection, Now));
    }
}
