using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Rounds;

namespace ServiceReview.Web.Features.Notifications;

/// <summary>A reminder the job means to store; <see cref="Key"/> is stable, so each is stored once per recipient.</summary>
public sealed record Reminder(int RecipientId, NotificationKind Kind, string SubjectType, int SubjectId, string Link, string Key);

/// <summary>
/// Produces due-soon and overdue reminders. Several instances may run it at the same moment: each reminder has a
/// stable key, unique per recipient in the database, so the second insert of the same reminder fails and is ignored.
/// </summary>
public sealed class ReminderJob(ServiceReviewDbContext db, TimeProvider clock, OrganisationClock localTime, ILogger<ReminderJob> logger)
{
    /// <summary>An inspection not submitted when its window closes within this time is due soon.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(48);

    /// <summary>An open corrective action due today or within this many days after (in its project's zone) is due soon.</summary>
    public const int ActionDueSoonDays = 1;

    /// <summary>Finds and stores the reminders; returns how many this call stored.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        await StoreAsync(await FindAsync(cancellationToken), cancellationToken);

    /// <summary>The reminders due now that are not stored yet.</summary>
    public async Task<IReadOnlyList<Reminder>> FindAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueSoonUntil = now + DueSoonWindow;

        // Overdue as the round page and the managers' reminders say it, over the rounds of the look-back; due soon
        // while the window is still open (it is open until the very moment it closes).
        var overdue = await RoundQueries.Overdue(db, now, now - RoundQueries.OverdueLookBack)
            .Select(i => new { i.Id, i.InspectorId }).ToListAsync(cancellationToken);
        var dueSoon = await (
            from i in db.Inspections.AsNoTracking()
            join r in db.Rounds.AsNoTracking() on i.RoundId equals r.Id
            where (i.Status == InspectionStatus.Assigned || i.Status == InspectionStatus.InProgress) && r.Status != RoundStatus.Draft
                && r.WindowClosesAt >= now && r.WindowClosesAt <= dueSoonUntil
            select new { i.Id, i.InspectorId }).ToListAsync(cancellationToken);

        var reminders = dueSoon
            .Select(i => new Reminder(i.InspectorId, NotificationKind.DueSoon, nameof(Inspection), i.Id, $"/Inspections/Fill/{i.Id}", $"DueSoon:Inspection:{i.Id}"))
            .Concat(overdue.Select(i => new Reminder(i.InspectorId, NotificationKind.Overdue, nameof(Inspection), i.Id, $"/Inspections/Fill/{i.Id}", $"Overdue:Inspection:{i.Id}")))
            .ToList();

        // A due date is a calendar day in the zone of the action's project (ADR 0022): overdue once that day has
        // passed there, due soon on that day and the day before. The key holds the due date, so a new date reminds again.
        var today = await ProjectToday.LoadAsync(db, localTime, cancellationToken);
        var lastDueSoon = today.Earliest.AddDays(2 + ActionDueSoonDays);
        var actions = await db.CorrectiveActions.AsNoTracking()
            .Where(a => (a.Status == CorrectiveActionStatus.Open || a.Status == CorrectiveActionStatus.SentBack) && a.DueDate <= lastDueSoon)
            .Select(a => new { a.Id, a.TeamId, a.OwnerId, a.DueDate, a.Status })
            .ToListAsync(cancellationToken);
        foreach (var a in actions)
        {
            var day = today.Of(a.TeamId);
            if (today.IsOverdue(a.TeamId, a.DueDate, a.Status))
            {
                reminders.Add(new Reminder(a.OwnerId, NotificationKind.Overdue, nameof(CorrectiveAction), a.Id,
                    $"/Actions/Details/{a.Id}", $"Overdue:CorrectiveAction:{a.Id}:{a.DueDate:yyyyMMdd}"));
            }
            else if (a.DueDate.DayNumber - day.DayNumber <= ActionDueSoonDays)
            {
                reminders.Add(new Reminder(a.OwnerId, NotificationKind.DueSoon, nameof(CorrectiveAction), a.Id,
                    $"/Actions/Details/{a.Id}", $"DueSoon:CorrectiveAction:{a.Id}:{a.DueDate:yyyyMMdd}"));
            }
        }

        if (reminders.Count == 0)
        {
            return reminders;
        }

        var keys = reminders.Select(r => r.Key).Distinct().ToList();
        var stored = (await db.Notifications.AsNoTracking()
                .Where(n => keys.Contains(n.Key))
                .Select(n => new { n.RecipientId, n.Key })
                .ToListAsync(cancellationToken))
            .Select(n => (n.RecipientId, n.Key))
            .ToHashSet();
        return reminders.Where(r => !stored.Contains((r.RecipientId, r.Key))).ToList();
    }

    /// <summary>Stores each reminder on its own; one another instance stored first is skipped. Returns how many were stored here.</summary>
    public async Task<int> StoreAsync(IReadOnlyList<Reminder> reminders, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The unique (recipient, key) index refuses a reminder another instance stored first.
        return await db.StoreEachOnceAsync(
            reminders,
            r => [new Notification(r.RecipientId, r.Kind, r.SubjectType, r.SubjectId, r.Link, r.Key, now)],
            (r, ex) => logger.LogDebug(ex, "Reminder {Key} for person {RecipientId} was already stored.", r.Key, r.RecipientId),
            cancellationToken);
    }
}
