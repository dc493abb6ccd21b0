using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Email;

/// <summary>Sent e-mails are deleted after <c>Email:Dispatch:KeepSentDays</c> (90); waiting and failed ones are kept.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Keeping_sent_email(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [Fact]
    public async Task Pruning_deletes_only_what_was_sent_more_than_ninety_days_ago()
    {
        var now = DateTime.UtcNow;
        var ids = await fixture.Factory.WithDbAsync(async db =>
        {
            OutgoingEmail Mail(string to) => new(to, to, "Test", "主题", "正文", "<p>正文</p>", now.AddDays(-200));
            var oldSent = Mail("old-sent@example.test");
            oldSent.MarkSent(now.AddDays(-91));
            var recentSent = Mail("recent-sent@example.test");
            recentSent.MarkSent(now.AddDays(-89));
            var oldFailed = Mail("old-failed@example.test");
            oldFailed.MarkAttemptFailed("SmtpCommandException: mailbox unavailable", now.AddDays(-150), maxAttempts: 1, TimeSpan.Zero);
            var waiting = Mail("waiting@example.test");
            db.OutgoingEmails.AddRange(oldSent, recentSent, oldFailed, waiting);
            await db.SaveChangesAsync();
            return new[] { oldSent.Id, recentSent.Id, oldFailed.Id, waiting.Id };
        });

        var pruned = await fixture.Factory.WithServiceAsync<EmailDispatcher, int>(d => d.PruneSentAsync());

        Assert.Equal(1, pruned);
        var left = await fixture.Factory.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync());
        Assert.Equal(ids.Skip(1).Order(), left.Order());
    }
}
