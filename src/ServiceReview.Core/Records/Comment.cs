using ServiceReview.Core.Common;

namespace ServiceReview.Core.Records;

/// <summary>
/// One message of an inspection record's conversation, on the record or on one indicator, by the inspector, the team's
/// lead or a manager. Comments are kept forever: never deleted, and editable only by their author for
/// <see cref="EditWindow"/> after they were written (the audit log keeps every edit).
/// </summary>
public sealed class Comment : Entity, IConcurrencyStamped
{
    public const int TextMaxLength = 4000;

    /// <summary>How long after writing a comment its author may still correct it.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    private Comment()
    {
    }

    public Comment(int inspectionId, string? indicatorCode, int authorId, string text, DateTime utcNow)
    {
        InspectionId = inspectionId;
        IndicatorCode = string.IsNullOrWhiteSpace(indicatorCode) ? null : indicatorCode.Trim();
        AuthorId = authorId;
        Text = Checked(text);
        CreatedAt = utcNow;
    }

    public int InspectionId { get; private set; }

    /// <summary>The indicator the comment is about; null for the record as a whole.</summary>
    public string? IndicatorCode { get; private set; }

    public int AuthorId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? EditedAt { get; private set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Whether <paramref name="personId"/> may still change the text at <paramref name="utcNow"/>.</summary>
    public bool MayEdit(int? personId, DateTime utcNow) => personId == AuthorId && utcNow - CreatedAt <= EditWindow;

    /// <summary>Changes the text; refused for anyone but the author and after the edit window.</summary>
    public void Edit(int personId, string text, DateTime utcNow)
    {
        if (personId != AuthorId)
        {
            throw new DomainException("Comment.NotAuthor", "Only the author may change a comment.");
        }

        if (utcNow - CreatedAt > EditWindow)
        {
            throw new DomainException("Comment.EditWindowClosed", "A comment can be changed for {0} minutes after it was written.", (int)EditWindow.TotalMinutes);
        }

        Text = Checked(text);
        EditedAt = utcNow;
    }

    private static string Checked(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Comment.TextRequired", "Write something.");
        }

        var trimmed = text.Trim();
        if (trimmed.Length > TextMaxLength)
        {
            throw new DomainException("Comment.TooLong", "A comment may have at most {0} characters.", TextMaxLength);
        }

        return trimmed;
    }
}
