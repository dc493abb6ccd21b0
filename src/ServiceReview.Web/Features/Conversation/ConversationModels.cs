namespace ServiceReview.Web.Features.Conversation;

/// <summary>The conversation of one inspection record as its partial shows it (<c>_Conversation.cshtml</c>).</summary>
public sealed record ConversationView(
    int InspectionId,
    IReadOnlyList<CommentView> Comments,
    bool MayComment,
    IReadOnlyList<IndicatorChoice> Indicators,
    IReadOnlySet<int> EditableCommentIds)
{
    /// <summary>What the user typed before a refusal sent them back (kept through TempData so nothing is lost).</summary>
    public CommentDraft? Draft { get; init; }

    /// <summary>The message of that refusal, shown next to the form.</summary>
    public string? Error { get; init; }

    public bool MayEdit(int commentId) => EditableCommentIds.Contains(commentId);
}

/// <summary>One comment: who, when (UTC), about which indicator (null: the whole record), its text and files.</summary>
public sealed record CommentView(
    int Id,
    string Author,
    DateTime CreatedAt,
    string? IndicatorCode,
    string? IndicatorName,
    string Text,
    DateTime? EditedAt,
    Guid Stamp,
    IReadOnlyList<CommentAttachmentView> Attachments);

public sealed record CommentAttachmentView(int Id, string Name, long Size, string ContentType, bool IsImage);

/// <summary>An indicator of the record's plan the comment may be about.</summary>
public sealed record IndicatorChoice(string Code, string Name);

/// <summary>The text and indicator of a comment that was refused, to fill the form again.</summary>
public sealed record CommentDraft(string? Text, string? Indicator);

/// <summary>The conversation form: <c>text</c>, optional <c>indicator</c>, optional files (<c>file</c>, repeated).</summary>
public sealed class CommentForm
{
    public string? Text { get; set; }

    public string? Indicator { get; set; }
}

/// <summary>Correcting a comment within its edit window: the new text and the stamp it was read with.</summary>
public sealed class EditCommentForm
{
    public string? Text { get; set; }

    public Guid Stamp { get; set; }
}

/// <summary>Where the conversation's texts refer to a comment in its record: the record page's anchor.</summary>
public static class CommentLinks
{
    public static string Anchor(int commentId) => $"comment-{commentId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Of(int inspectionId, int commentId) =>
        $"/inspections/{inspectionId.ToString(System.Globalization.CultureInfo.InvariantCulture)}#{Anchor(commentId)}";
}

