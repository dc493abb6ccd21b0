using ServiceReview.Core.Common;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Core.Tests.Notifications;

public sealed class OutgoingEmailTests
{
    private static readonly DateTime Now = new(2026, 10, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static OutgoingEmail NewEmail() => new("lead1@example.org", "张敏", "SubmittedForReview", "【服务考评】…", "text", "<p>html</p>", Now);

    [Fact]
    public void A_queued_email_is_pending_and_due_at_once()
    {
        var email = NewEmail();

        Assert.Equal(OutgoingEmailStatus.Pending, email.Status);
        Assert.Equal(Now, email.NextAttemptAt);
        Assert.Equal(0, email.Attempts);
    }

    [Fact]
    public void Each_failure_doubles_the_wait_and_the_last_allowed_failure_marks_it_failed()
    {
        var email = NewEmail();

        email.MarkAttemptFailed("connection refused", Now, maxAttempts: 3, Minute);
        Assert.Equal((OutgoingEmailStatus.Pending, 1, Now + Minute), (email.Status, email.Attempts, email.NextAttemptAt));

        email.MarkAttemptFailed("connection refused", Now, maxAttempts: 3, Minute);
        Assert.Equal((OutgoingEmailStatus.Pending, 2, Now + (2 * Minute)), (email.Status, email.Attempts, email.NextAttemptAt));

        email.MarkAttemptFailed("timeout", Now, maxAttempts: 3, Minute);
        Assert.Equal((OutgoingEmailStatus.Failed, 3), (email.Status, email.Attempts));
        Assert.Equal("timeout", email.LastError);
        Assert.Null(email.ClaimedBy);
    }

    [Fact]
    public void The_wait_between_attempts_is_never_longer_than_an_hour() =>
        Assert.Equal(OutgoingEmail.MaxRetryDelay, OutgoingEmail.RetryDelay(30, Minute));

    [Fact]
    public void A_long_error_is_shortened_to_fit_its_column()
    {
        var email = NewEmail();

        email.MarkAttemptFailed(new string('x', 5000), Now, 5, Minute);

        Assert.Equal(OutgoingEmail.ErrorMaxLength, email.LastError!.Length);
    }

    [Fact]
    public void Sending_again_gives_a_failed_email_fresh_attempts_starting_now()
    {
        var email = NewEmail();
        email.MarkAttemptFailed("down", Now, maxAttempts: 1, Minute);

        email.Retry(Now.AddHours(3));

        Assert.Equal((OutgoingEmailStatus.Pending, 0, Now.AddHours(3)), (email.Status, email.Attempts, email.NextAttemptAt));
    }

    [Fact]
    public void Only_a_failed_email_can_be_sent_again_so_a_second_click_is_refused()
    {
        var email = NewEmail();
        email.MarkAttemptFailed("down", Now, maxAttempts: 1, Minute);
        email.Retry(Now);

        var error = Assert.Throws<DomainException>(() => email.Retry(Now));

        Assert.Equal("Email.NotFailed", error.Code);
    }

    [Fact]
    public void A_sent_email_cannot_be_sent_again()
    {
        var email = NewEmail();
        email.MarkSent(Now);

        Assert.Throws<DomainException>(() => email.Retry(Now));
        Assert.Equal(Now, email.SentAt);
    }

    [Fact]
    public void A_person_receives_email_until_they_turn_it_off()
    {
        var person = new Person("张敏", "lead1@example.org");
        Assert.True(person.ReceivesEmail);

        person.ChooseEmail(false);

        Assert.False(person.ReceivesEmail);
    }
}
