using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Email;

/// <summary>A composed e-mail: subject, plain text and HTML.</summary>
public sealed record ComposedEmail(string Subject, string TextBody, string HtmlBody);

/// <summary>Writes the words of e-mails (Chinese first, then English). Implemented by the web project from its resources.</summary>
public interface INotificationEmailComposer
{
    /// <param name="notification">What happened.</param>
    /// <param name="recipientName">The person's display name (user text: encode it in HTML).</param>
    /// <param name="link">Absolute URL of the page the notification opens.</param>
    /// <param name="settingsLink">Absolute URL of the page where the person turns e-mails off.</param>
    /// <param name="about">The team and round of the inspection record it is about, when it is about one.</param>
    ComposedEmail ForNotification(Notification notification, string recipientName, string link, string settingsLink, InspectionAbout? about = null);

    /// <summary>The administrator's "send a test e-mail to me".</summary>
    ComposedEmail Test(string recipientName, string appLink);
}

/// <summary>
/// The outbox hook: whenever a <see cref="Notification"/> is added — by the Notifier in a use case or by the reminder
/// job — the e-mail for it is added to the same SaveChanges, so it commits (or rolls back) with the notification and
/// the state change. Only when e-mail is on, and only for active people with an address who have not turned e-mail off.
/// If the save fails, the e-mails it added are detached, so a caller that retries or skips (the reminder job on its
/// unique index) never leaves an orphan e-mail behind for the next save.
/// </summary>
public sealed class EmailOutboxInterceptor(IOptionsMonitor<EmailOptions> options, IServiceProvider services, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ServiceReviewDbContext db && Pending(db) is { Count: > 0 } added)
        {
            Queue(db, added, Recipients(db, added).ToList(), NotificationSubjects.Inspections(db, NotificationSubjects.InspectionIds(added)).ToList());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ServiceReviewDbContext db && Pending(db) is { Count: > 0 } added)
        {
            Queue(db, added, await Recipients(db, added).ToListAsync(cancellationToken),
                await NotificationSubjects.Inspections(db, NotificationSubjects.InspectionIds(added)).ToListAsync(cancellationToken));
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => DetachQueued(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DetachQueued(eventData.Context);
        return Task.CompletedTask;
    }

    private List<Notification> Pending(ServiceReviewDbContext db) =>
        options.CurrentValue.Enabled
            ? db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList()
            : [];

    private static IQueryable<Recipient> Recipients(ServiceReviewDbContext db, List<Notification> added)
    {
        var ids = added.Select(n => n.RecipientId).Distinct().ToList();
        return db.People.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.IsActive && p.ReceivesEmail && p.Email != "")
            .Select(p => new Recipient(p.Id, p.DisplayName, p.Email));
    }

    private void Queue(ServiceReviewDbContext db, List<Notification> added, List<Recipient> recipients, List<InspectionAbout> inspections)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var settings = options.CurrentValue;
        var composer = services.GetService<INotificationEmailComposer>()
            ?? throw new InvalidOperationException("E-mail is on (Email:Smtp:Host is set) but no INotificationEmailComposer is registered.");
        var byId = recipients.Where(r => MimeKit.MailboxAddress.TryParse(r.Email, out _)).ToDictionary(r => r.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var settingsLink = settings.AbsoluteUrl(EmailLinks.Settings);
        var about = inspections.ToDictionary(i => i.InspectionId);
        foreach (var notification in added)
        {
            if (!byId.TryGetValue(notification.RecipientId, out var recipient))
            {
                continue;
            }

            var mail = composer.ForNotification(notification, recipient.Name, settings.AbsoluteUrl(notification.Link), settingsLink,
                notification.SubjectType == NotificationSubjects.Inspection ? about.GetValueOrDefault(notification.SubjectId) : null);
            db.OutgoingEmails.Add(new OutgoingEmail(recipient.Email, recipient.Name, notification.Kind.ToString(), mail.Subject, mail.TextBody, mail.HtmlBody, now));
        }
    }

    private static void DetachQueued(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<OutgoingEmail>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private sealed record Recipient(int Id, string Name, string Email);
}

/// <summary>Local links the e-mails point at.</summary>
public static class EmailLinks
{
    /// <summary>Where a person turns e-mails off (NotificationsController.Settings).</summary>
    public const string Settings = "/Notifications/Settings";
}
