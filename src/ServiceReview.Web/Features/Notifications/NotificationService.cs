using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Web.Features.Notifications;

public sealed record NotificationItem(int Id, NotificationKind Kind, string SubjectType, int SubjectId, string Link, DateTime CreatedAt, bool IsRead)
{
    /// <summary>The team and round of the inspection record it is about, when it is about one that still exists.</summary>
    public InspectionAbout? About { get; init; }

    /// <summary>
    /// True when it asked the reader to act on an inspection that no longer waits for them (issue #17): it is shown as
    /// handled, not as a to-do. Decided when it is read, from the inspection's status.
    /// </summary>
    public bool IsHandled { get; init; }
}

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int Page, int PageSize, int Total, int Unread)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A person's own notifications: every query is filtered by the recipient, so nobody sees or marks another's.</summary>
public sealed class NotificationService(ServiceReviewDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    private const string InspectionSubject = nameof(Inspection);

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
        var inspections = items.Where(n => n.SubjectType == InspectionSubject).Select(n => n.SubjectId).Distinct().ToList();
        var about = inspections.Count == 0
            ? []
            : await NotificationSubjects.Inspections(db, inspections).ToDictionaryAsync(a => a.InspectionId, cancellationToken);
        items = [.. items.Select(n => about.GetValueOrDefault(n.SubjectType == InspectionSubject ? n.SubjectId : 0) is { } a
            ? n with { Link = LinkOf(n.Kind, n.SubjectType, n.SubjectId, n.Link, a.Status), About = a, IsHandled = IsHandled(n.Kind, a.Status) }
            : n)];
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
        var status = notification.SubjectType == InspectionSubject
            ? await db.Inspections.AsNoTracking().Where(i => i.Id == notification.SubjectId).Select(i => (InspectionStatus?)i.Status).FirstOrDefaultAsync(cancellationToken)
            : null;
        return LinkOf(notification.Kind, notification.SubjectType, notification.SubjectId, notification.Link, status);
    }

    /// <summary>
    /// Where a notification about one inspection leads, decided when it is read (issue #14), so notifications stored
    /// before the record page existed lead there too: to the place where the reader acts while the inspection still
    /// waits for them (the form while assigned or in progress, the lead's review while submitted, the disputes while
    /// disputed), and otherwise to the record page <c>/inspections/{id}</c>, where everything about it can be read. A
    /// ruling always leads to the record. Other subjects, and inspections no longer there, keep their stored link.
    /// </summary>
    public static string LinkOf(NotificationKind kind, string subjectType, int subjectId, string stored, InspectionStatus? status)
    {
        if (subjectType != InspectionSubject || status is not { } now)
        {
            return stored;
        }

        // A link that already opens the record keeps its place in it (a comment's anchor).
        var record = RecordLink.Href(subjectId);
        if (stored == record || stored.StartsWith(record + "#", StringComparison.Ordinal))
        {
            return stored;
        }

        return StillToAct(kind, now) == true ? stored : record;
    }

    /// <summary>
    /// Whether a notification that asks its reader to act on an inspection is handled: the inspection has moved on
    /// (an assignment once submitted, a review once confirmed or disputed, a dispute once ruled). Notifications that
    /// only tell something (a ruling, a comment) are never handled.
    /// </summary>
    public static bool IsHandled(NotificationKind kind, InspectionStatus status) => StillToAct(kind, status) == false;

    /// <summary>Whether the inspection still waits for the reader of a to-do notification; null when the kind asks nothing.</summary>
    private static bool? StillToAct(NotificationKind kind, InspectionStatus now) => kind switch
    {
        NotificationKind.Assigned or NotificationKind.DueSoon or NotificationKind.Overdue => now is InspectionStatus.Assigned or InspectionStatus.InProgress,
        NotificationKind.SubmittedForReview => now == InspectionStatus.Submitted,
        NotificationKind.Disputed => now == InspectionStatus.Disputed,
        _ => null,
    };

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
