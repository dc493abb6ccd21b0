using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Notifications;

public sealed record NotificationItem(int Id, NotificationKind Kind, string SubjectType, int SubjectId, string Link, DateTime CreatedAt, bool IsRead);

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

    /// <summary>Newest first.</summary>
    public async Task<NotificationPage> ListAsync(int personId, int page, CancellationToken cancellationToken = default)
    {
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
        return new NotificationPage(items, page, PageSize, total, unread);
    }

    /// <summary>Marks one of the person's notifications read and returns its link; null when it is not theirs.</summary>
    public async Task<string?> OpenAsync(int personId, int id, CancellationToken cancellationToken = default)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.RecipientId == personId, cancellationToken);
        if (notification is null)
        {
            return null;
        }

        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return notification.Link;
    }

    /// <summary>Marks all the person's unread notifications read; returns how many.</summary>
    public Task<int> MarkAllReadAsync(int personId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications
            .Where(n => n.RecipientId == personId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
