using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Notifications;

public sealed record NotificationItem(int Id, NotificationKind Kind, string SubjectType, int SubjectId, string Link, DateTime CreatedAt, bool IsRead)
{
    /// <summary>The team and round of the inspection record it is about, when it is about one that still exists.</summary>
    public InspectionAbout? About { get; init; }
}

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int Page, int PageSize, int Total, int Unread)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A person's own notifications: every query is filtered by the recipient, so nobody sees or marks another's.</summary>
public sealed class NotificationService(ServiceReviewDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    public Task<int> UnreadCountAsync(int personId, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.RecipientId == personId && n.ReadAt == null, cancellationToken);

    /// <summary>The actor's notifications, newest first; an account without a person has none.</summary>
    public async Task<NotificationPage> ListAsync(Actor actor, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } personId)
        {
            return new NotificationPage([], 1, PageSize, 0, 0);
        }

        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == personId);
        var total = await mine.CountAsync(cancellationToken);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await mine
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.SubjectType, n.SubjectId, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
        var inspectionIds = items.Where(i => i.SubjectType == NotificationSubjects.Inspection).Select(i => i.SubjectId).Distinct().ToList();
        if (inspectionIds.Count > 0)
        {
            var about = await NotificationSubjects.Inspections(db, inspectionIds).ToDictionaryAsync(a => a.InspectionId, cancellationToken);
            items = [.. items.Select(i => i.SubjectType == NotificationSubjects.Inspection ? i with { About = about.GetValueOrDefault(i.SubjectId) } : i)];
        }

        return new NotificationPage(items, page, PageSize, total, unread);
    }

    /// <summary>Marks one of the actor's notifications read: its link; not found when it is not theirs.</summary>
    public async Task<Outcome<string>> OpenAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var personId = actor.PersonId;
        var notification = personId is null ? null : await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.RecipientId == personId, cancellationToken);
        if (notification is null)
        {
            return Outcome.NotFound();
        }

        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return notification.Link;
    }

    /// <summary>Marks all the actor's unread notifications read; returns how many (none for an account without a person).</summary>
    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } personId)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Notifications
            .Where(n => n.RecipientId == personId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
