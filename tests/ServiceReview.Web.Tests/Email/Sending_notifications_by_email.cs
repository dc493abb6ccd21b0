using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Email;

/// <summary>
/// E-mail on top of in-app notifications, against a real SMTP server in the test process. The tests of this class run
/// one after another and each sends what it queued, so no test leaves pending e-mails for the next.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Sending_notifications_by_email(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private const string I1 = "inspector1@demo.local";
    private const string Lead1 = "lead1@demo.local";
    private const string Lead2 = "lead2@demo.local";

    private F Factory => fixture.Factory;

    private TestSmtpServer Smtp => fixture.Smtp;

    [Fact]
    public async Task Submitting_an_inspection_emails_the_team_lead_once_with_the_subject_and_an_absolute_link()
    {
        var round = await Factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var id = round[F.Lead1Team, I1];
        await Factory.DispatchEmailAsync(); // the round's "assigned" e-mails, not what this test is about
        var before = Smtp.To(Lead1).Count;

        var inspector = await Factory.PersonIdAsync(I1);
        var stamp = await Factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.ConcurrencyStamp).FirstAsync());
        var outcome = await Factory.WithServiceAsync<InspectionService, Outcome<SubmitOutcome>>(s =>
            s.SubmitAsync(id, stamp, F.Inputs.WorkedExample(), 600, new Actor(null, "inspector1", inspector), DateTime.UtcNow));
        Assert.True(outcome.Value.Submitted);
        var queued = Assert.Single(await Factory.OutboxForAsync(Lead1), e => e.Status == OutgoingEmailStatus.Pending);
        Assert.Equal(nameof(NotificationKind.SubmittedForReview), queued.Purpose);
        await Factory.DispatchEmailAsync();

        var link = $"{EmailFixture.PublicBaseUrl}Reviews/Review/{id}";
        var mail = Assert.Single(Smtp.To(Lead1).Skip(before));
        Assert.Equal([Lead1], mail.EnvelopeTo);
        Assert.Equal("noreply@example.test", mail.Message.From.Mailboxes.Single().Address);
        Assert.Equal(Texts.Zh("Email.Subject", "有检查记录已提交，等待你确认 / [ServiceReview] An inspection record was submitted: confirm it or dispute it"), mail.Message.Subject);
        Assert.Contains(link, mail.Message.TextBody!);
        Assert.Contains($"href=\"{link}\"", mail.Message.HtmlBody);
        Assert.True(mail.Message.TextBody!.IndexOf("您好", StringComparison.Ordinal) < mail.Message.TextBody.IndexOf("Hello", StringComparison.Ordinal), "Chinese first, then English.");
        Assert.Contains($"{EmailFixture.PublicBaseUrl}Notifications/Settings", mail.Message.TextBody);
        var sent = await Factory.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().FirstAsync(e => e.Id == queued.Id));
        Assert.Equal(OutgoingEmailStatus.Sent, sent.Status);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.ClaimedBy);

        Assert.Equal(DispatchNothing, await Factory.DispatchEmailAsync());
        Assert.Single(Smtp.To(Lead1).Skip(before));
    }

    [Fact]
    public async Task A_person_who_turned_email_off_on_the_settings_page_gets_the_notification_but_no_email()
    {
        var lead2 = await Factory.SignedInAsync(Lead2);
        var page = await lead2.GetStringAsync("/Notifications/Settings");
        Assert.Contains("name=\"ReceivesEmail\"", page);
        Assert.Contains(Lead2, page);

        var saved = await F.PostFormAsync(lead2, "/Notifications/Settings", "/Notifications/Settings", [new("ReceivesEmail", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        try
        {
            Assert.False((await Factory.PersonByEmailAsync(Lead2))!.ReceivesEmail);
            Assert.True((await Factory.PersonByEmailAsync(Lead1))!.ReceivesEmail);
            Assert.Contains(await Factory.AuditOfAsync("Person", (await Factory.PersonByEmailAsync(Lead2))!.Id), a => a.Action == "ReceivesEmail" && a.NewValue == "False");

            var notification = await Factory.NotifyAsync(Lead2);

            Assert.Contains(await Factory.NotificationsOfAsync(Lead2), n => n.Id == notification);
            Assert.DoesNotContain(await Factory.OutboxForAsync(Lead2), e => e.Status == OutgoingEmailStatus.Pending);
        }
        finally
        {
            await F.PostFormAsync(lead2, "/Notifications/Settings", "/Notifications/Settings", [new("ReceivesEmail", "true")]);
        }

        Assert.True((await Factory.PersonByEmailAsync(Lead2))!.ReceivesEmail);
    }

    [Fact]
    public async Task A_name_with_a_line_break_does_not_add_headers_or_recipients()
    {
        const string address = "crlf@example.test";
        await Factory.WithDbAsync(async db =>
        {
            db.People.Add(new Person("Mallory\r\nBcc: victim@example.test\r\nSubject: pwned", address));
            return await db.SaveChangesAsync();
        });

        await Factory.NotifyAsync(address);
        await Factory.DispatchEmailAsync();

        var mail = Assert.Single(Smtp.To(address));
        Assert.Equal([address], mail.EnvelopeTo);
        Assert.Empty(Smtp.To("victim@example.test"));
        Assert.Empty(mail.Message.Bcc);
        Assert.Equal(address, Assert.Single(mail.Message.To.Mailboxes).Address);
        Assert.StartsWith("【服务考评】", mail.Message.Subject);
        Assert.DoesNotMatch(@"(?im)^(bcc|subject:\s*pwned)", mail.Headers);
        Assert.Contains("Mallory Bcc: victim@example.test Subject: pwned", mail.Message.TextBody);
    }

    [Fact]
    public async Task When_the_server_is_down_an_email_is_retried_then_failed_shown_to_the_admin_and_sent_after_send_again()
    {
        const string address = "down@example.test";
        await Factory.WithDbAsync(async db =>
        {
            db.People.Add(new Person("断线测试", address));
            return await db.SaveChangesAsync();
        });
        await Factory.NotifyAsync(address);

        await Smtp.StopAsync();
        try
        {
            await Factory.DispatchEmailAsync();
            var afterOne = Assert.Single(await Factory.OutboxForAsync(address));
            Assert.Equal((OutgoingEmailStatus.Pending, 1), (afterOne.Status, afterOne.Attempts));
            Assert.False(string.IsNullOrWhiteSpace(afterOne.LastError));

            for (var i = 1; i < EmailFixture.MaxAttempts; i++)
            {
                await Factory.DispatchEmailAsync();
            }

            var failed = Assert.Single(await Factory.OutboxForAsync(address));
            Assert.Equal((OutgoingEmailStatus.Failed, EmailFixture.MaxAttempts), (failed.Status, failed.Attempts));
            Assert.Equal(DispatchNothing, await Factory.DispatchEmailAsync());

            var admin = await Factory.SignedInAsync("admin@demo.local");
            var page = await admin.GetStringAsync("/Email");
            Assert.Contains(address, page);
            Assert.Contains(WebUtility.HtmlEncode(failed.LastError!), page);
            Assert.Contains($"/Email/Retry/{failed.Id}", page);
        }
        finally
        {
            await Smtp.StartAsync();
        }

        var id = (await Factory.OutboxForAsync(address)).Single().Id;
        var client = await Factory.SignedInAsync("admin@demo.local");
        var retried = await F.PostFormAsync(client, "/Email", $"/Email/Retry/{id}", []);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Contains(await Factory.AuditOfAsync("OutgoingEmail", id), a => a.Action == "Retry");

        // A second click before the dispatcher ran: one e-mail queued, a friendly message, no error page.
        var again = await F.PostFormAsync(client, "/Email", $"/Email/Retry/{id}", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Matches(Texts.ZhPattern("Error.Email.NotFailed"), await client.GetStringAsync("/Email"));

        await Factory.DispatchEmailAsync();
        Assert.Single(Smtp.To(address));
        Assert.Equal(OutgoingEmailStatus.Sent, (await Factory.OutboxForAsync(address)).Single().Status);
    }

    [Fact]
    public async Task Three_dispatchers_running_at_once_deliver_each_email_exactly_once()
    {
        const string address = "many@example.test";
        const int count = 40;
        await Factory.WithDbAsync(async db =>
        {
            db.People.Add(new Person("并发测试", address));
            return await db.SaveChangesAsync();
        });
        for (var i = 0; i < count; i++)
        {
            await Factory.NotifyAsync(address, NotificationKind.ActionRaised, $"/Actions/Details/{i + 1}");
        }

        var claimed = 0;
        for (var pass = 0; pass < 20 && (await Factory.OutboxForAsync(address)).Any(e => e.Status == OutgoingEmailStatus.Pending); pass++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(Factory.DispatchEmailAsync)));
            claimed += results.Sum(r => r.Claimed);
        }

        var received = Smtp.To(address);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(m => m.Message.TextBody).Distinct().Count());
        Assert.Equal(count, claimed);
        Assert.All(await Factory.OutboxForAsync(address), e => Assert.Equal(OutgoingEmailStatus.Sent, e.Status));
    }

    [Fact]
    public async Task The_admin_sends_a_test_email_to_their_own_address_and_sees_the_configuration_without_the_password()
    {
        var admin = await Factory.SignedInAsync("admin@demo.local");
        var page = await admin.GetStringAsync("/Email");
        Assert.Contains($"127.0.0.1:{Smtp.Port}", page);
        Assert.Contains("noreply@example.test", page);
        Assert.DoesNotContain(EmailFixture.Password, page);

        var before = Smtp.To("admin@demo.local").Count;
        var queued = await F.PostFormAsync(admin, "/Email", "/Email/SendTest", []);
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        var test = (await Factory.OutboxForAsync("admin@demo.local")).Last();
        Assert.Equal("Test", test.Purpose);
        Assert.Contains(await Factory.AuditOfAsync("OutgoingEmail", test.Id), a => a.Action == "QueueTest");
        await Factory.DispatchEmailAsync();

        var mail = Assert.Single(Smtp.To("admin@demo.local").Skip(before));
        Assert.Contains(Texts.Zh("Email.Test.Title"), mail.Message.Subject);
        Assert.Contains("Test e-mail", mail.Message.Subject);
    }

    [Fact]
    public async Task A_reminder_another_instance_stored_first_leaves_no_orphan_email_for_the_next_save()
    {
        const string address = "reminded@example.test";
        var personId = await Factory.WithDbAsync(async db =>
        {
            var person = new Person("提醒测试", address);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        var first = new Reminder(personId, NotificationKind.DueSoon, "Inspection", 90001, "/Inspections/Fill/90001", "DueSoon:Inspection:90001");
        var second = new Reminder(personId, NotificationKind.DueSoon, "Inspection", 90002, "/Inspections/Fill/90002", "DueSoon:Inspection:90002");

        // The repeated reminder hits the unique (recipient, key) index, as when two instances race.
        var stored = await Factory.WithServiceAsync<ReminderJob, int>(job => job.StoreAsync([first, first, second]));

        Assert.Equal(2, stored);
        Assert.Equal(2, (await Factory.OutboxForAsync(address)).Count);
        await Factory.DispatchEmailAsync();
        Assert.Equal(2, Smtp.To(address).Count);
    }

    [Theory]
    [InlineData("manager@demo.local")]
    [InlineData("inspector1@demo.local")]
    [InlineData("lead1@demo.local")]
    public async Task The_email_page_its_test_email_and_send_again_are_forbidden_to_everyone_but_administrators(string email)
    {
        var client = await Factory.SignedInAsync(email);
        AssertDenied(await client.GetAsync("/Email"));
        var outboxBefore = await Factory.WithDbAsync(db => db.OutgoingEmails.CountAsync());

        AssertDenied(await F.PostFormAsync(client, "/Notifications", "/Email/SendTest", []));
        AssertDenied(await F.PostFormAsync(client, "/Notifications", "/Email/Retry/1", []));
        Assert.Equal(outboxBefore, await Factory.WithDbAsync(db => db.OutgoingEmails.CountAsync()));
        Assert.DoesNotContain("href=\"/Email\"", await client.GetStringAsync("/Notifications"));
    }

    /// <summary>A signed-in user without the role is sent to the access-denied page (403 for /api), and nothing runs.</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private static readonly ServiceReview.Infrastructure.Email.DispatchResult DispatchNothing = ServiceReview.Infrastructure.Email.DispatchResult.None;
}
