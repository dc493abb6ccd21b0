using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Administration.Email;

public sealed record FailedEmailItem(int Id, string ToAddress, string ToName, string Purpose, string Subject, int Attempts, DateTime? LastAttemptAt, string? LastError);

/// <summary>What the admin page shows. Never the password: only whether one is set.</summary>
public sealed record EmailOverview(
    bool Enabled,
    string? Host,
    int Port,
    SmtpSecurity Security,
    string? UserName,
    bool HasPassword,
    string? FromAddress,
    string FromName,
    string? PublicBaseUrl,
    int Pending,
    int Sent,
    int Failed,
    IReadOnlyList<FailedEmailItem> RecentFailures);

/// <summary>The administrator's e-mail page: configuration, outbox counts, the last failures, a test e-mail, retry.</summary>
public sealed class EmailAdminService(
    ServiceReviewDbContext db, IOptions<EmailOptions> options, IServiceProvider services, TimeProvider clock)
{
    public const int RecentFailuresShown = 20;

    public async Task<EmailOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var counts = await db.OutgoingEmails.AsNoTracking()
            .GroupBy(e => e.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(OutgoingEmailStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        var failures = await db.OutgoingEmails.AsNoTracking()
            .Where(e => e.Status == OutgoingEmailStatus.Failed)
            .OrderByDescending(e => e.LastAttemptAt).ThenByDescending(e => e.Id)
            .Take(RecentFailuresShown)
            .Select(e => new FailedEmailItem(e.Id, e.ToAddress, e.ToName, e.Purpose, e.Subject, e.Attempts, e.LastAttemptAt, e.LastError))
            .ToListAsync(cancellationToken);
        return new EmailOverview(
            settings.Enabled,
            settings.Smtp.Host,
            settings.Smtp.Port,
            settings.Smtp.Security,
            settings.Smtp.UserName,
            !string.IsNullOrEmpty(settings.Smtp.Password),
            settings.From.Address,
            settings.From.Name,
            settings.PublicBaseUrl,
            Count(OutgoingEmailStatus.Pending),
            Count(OutgoingEmailStatus.Sent),
            Count(OutgoingEmailStatus.Failed),
            failures);
    }

    /// <summary>
    /// Queues a test e-mail to the acting administrator's own account address; the dispatcher sends it. Invalid when
    /// e-mail is off or the account has no usable address.
    /// </summary>
    public async Task<Outcome> QueueTestAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Outcome.Invalid("", "Email.Admin.TestEmailOff");
        }

        var user = actor.UserId is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId, cancellationToken);
        if (user is null || string.IsNullOrWhiteSpace(user.Email) || !MimeKit.MailboxAddress.TryParse(user.Email, out _))
        {
            return Outcome.Invalid("", "Email.Admin.TestNoAddress");
        }

        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? actor.Name : user.DisplayName;
        var composer = services.GetRequiredService<INotificationEmailComposer>();
        var mail = composer.Test(name, settings.AbsoluteUrl("/"));
        var now = clock.GetUtcNow().UtcDateTime;
        var email = new OutgoingEmail(user.Email, name, "Test", mail.Subject, mail.TextBody, mail.HtmlBody, now);
        db.OutgoingEmails.Add(email);
        await db.SaveNewWithAuditAsync(() => db.Audit(actor, now, nameof(OutgoingEmail), email.Id, "QueueTest", null, user.Email), cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>
    /// Sends a failed e-mail again (a fresh set of attempts): not found when there is no such e-mail; invalid (the
    /// e-mail's refusal) when it is not failed, e.g. after a second click.
    /// </summary>
    public Task<Outcome> RetryAsync(int id, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(async () =>
        {
            var email = await db.OutgoingEmails.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (email is null)
            {
                return Outcome.NotFound();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            email.Retry(now);
            db.Audit(actor, now, nameof(OutgoingEmail), email.Id, "Retry", nameof(OutgoingEmailStatus.Failed), nameof(OutgoingEmailStatus.Pending));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Ok();
        });
}

/// <summary>A person's own choice of e-mail notifications.</summary>
public sealed class EmailPreferences(ServiceReviewDbContext db, TimeProvider clock)
{
    public sealed record Preference(string Email, bool ReceivesEmail);

    public Task<Preference?> GetAsync(int personId, CancellationToken cancellationToken = default) =>
        db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new Preference(p.Email, p.ReceivesEmail))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Sets the person's choice (an audit entry when it changes); false when there is no such person.</summary>
    public async Task<bool> SetAsync(int personId, bool receive, Actor actor, CancellationToken cancellationToken = default)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return false;
        }

        if (person.ReceivesEmail != receive)
        {
            var old = person.ReceivesEmail;
            person.ChooseEmail(receive);
            db.Audit(actor, clock.GetUtcNow().UtcDateTime, "Person", person.Id, "ReceivesEmail", old.ToString(), receive.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}
