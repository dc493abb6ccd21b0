using ServiceReview.Core.Common;
using ServiceReview.Core.Feedback;

namespace ServiceReview.Core.Tests.Feedback;

public sealed class CorrectiveActionTests
{
    private static readonly DateTime Now = new(2026, 10, 10, 2, 0, 0, DateTimeKind.Utc);

    private static CorrectiveAction NewAction() =>
        new(1, 2, "1.2", "逾期归档的记录补齐归档，并建立每日归档检查", 21, new DateOnly(2026, 10, 31), 40, Now);

    [Fact]
    public void An_action_goes_from_open_to_done_to_verified()
    {
        var action = NewAction();

        action.ReportDone("已补齐并建立日检表", Now.AddDays(3));
        action.Verify(30, "抽查10条均已归档", Now.AddDays(5));

        Assert.Equal(CorrectiveActionStatus.Verified, action.Status);
        Assert.Equal(30, action.VerifiedById);
    }

    [Fact]
    public void A_sent_back_action_can_be_reported_done_again()
    {
        var action = NewAction();
        action.ReportDone("已补齐", Now);

        action.SendBack(30, "仍有3条未归档", Now.AddDays(1));
        Assert.Equal(CorrectiveActionStatus.SentBack, action.Status);
        action.ReportDone("已全部补齐", Now.AddDays(2));

        Assert.Equal(CorrectiveActionStatus.Done, action.Status);
    }

    [Fact]
    public void Only_a_done_action_can_be_verified_and_sending_back_needs_a_reason()
    {
        var action = NewAction();
        Assert.Equal("Action.NotDone", Assert.Throws<DomainException>(() => action.Verify(30, null, Now)).Code);

        action.ReportDone("已补齐", Now);
        Assert.Equal("Action.SendBackReasonRequired", Assert.Throws<DomainException>(() => action.SendBack(30, "", Now)).Code);
    }

    [Theory]
    [InlineData("2026-10-31", false)]
    [InlineData("2026-11-01", true)]
    public void An_unverified_action_is_overdue_after_its_due_date(string today, bool overdue)
    {
        Assert.Equal(overdue, NewAction().IsOverdue(DateOnly.Parse(today)));
    }

    [Fact]
    public void A_verified_action_is_never_overdue()
    {
        var action = NewAction();
        action.ReportDone("已补齐", Now);
        action.Verify(30, null, Now);

        Assert.False(action.IsOverdue(new DateOnly(2027, 1, 1)));
    }
}
