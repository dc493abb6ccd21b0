using ServiceReview.Core.Common;

namespace ServiceReview.Core.Notifications;

/// <summary>What hand-over a notification tells its recipient about.</summary>
public enum NotificationKind
{
    Assigned,
    DueSoon,
    Overdue,
    SubmittedForReview,
    Disputed,
    Ruled,
    ActionRaised,
    ActionDone,
    ActionSentBack,
    ActionVerified,

    /// <summary>Someone wrote in the conversation of a record the recipient takes part in.</summary>
    Commented,
}

/// <summary>
/// An in-app notification (通知) for one person: "something is now yours to do or to know". <see cref="Key"/> is
/// unique per recipient, so a reminder produced by two instances of the background job at once is stored once.
/// </summary>
public sealed class Notification : Entity
{
    public const int KeyMaxLength = 200;
    public const int LinkMaxLength = 400;

    private Notification()
    {
    }

    public Notification(int recipientId, NotificationKind kind, string subjectType, int subjectId, string link, string key, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > KeyMaxLength)
        {
            throw new ArgumentException("A notification needs a dedupe key of at most 200 characters.", nameof(key));
        }

        if (string.IsNullOrWhiteSpace(link) || !link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || link.Length > LinkMaxLength)
        {
            throw new ArgumentException("A notification links to a local relative URL.", nameof(link));
        }

        RecipientId = recipientId;
        Kind = kind;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Link = link;
        Key = key;
        CreatedAt = utcNow;
    }

    /// <summary>The person (<c>Person.Id</c>) who receives it.</summary>
    public int RecipientId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The entity it is about, e.g. "Inspection".</summary>
    public string SubjectType { get; private set; } = "";

    public int SubjectId { get; private set; }

    /// <summary>A local relative URL ("/Inspections/Edit/5").</summary>
    public string Link { get; private set; } = "";

    /// <summary>Unique per recipient: e.g. "DueSoon:Inspection:5".</summary>
    public string Key { get; private set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC; null while unread.</summary>
    public DateTime? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>Marks it read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTime utcNow) => ReadAt ??= utcNow;
}
