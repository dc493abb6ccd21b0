using ServiceReview.Core.Common;

namespace ServiceReview.Core.Records;

/// <summary>What a file is, decided from its content (its signature), never from its name.</summary>
public enum AttachmentKind
{
    Image,
    Pdf,
    Spreadsheet,
    Document,
    Csv,
    Text,
}

/// <summary>What a file is evidence for.</summary>
public enum AttachedTo
{
    /// <summary>The inspection record as a whole (the inspector, while it is editable).</summary>
    Record,

    /// <summary>One indicator of the record (the inspector, while it is editable).</summary>
    Indicator,

    /// <summary>A lead's dispute of one indicator.</summary>
    Dispute,

    /// <summary>A comment of the record's conversation.</summary>
    Comment,

    /// <summary>Proof that a corrective action was done.</summary>
    CorrectiveAction,
}

/// <summary>
/// Where a file is attached: always to one inspection record when there is one (the 20-per-record limit and who may see
/// it follow the record), and within it to an indicator, a dispute, a comment or a corrective action.
/// </summary>
public sealed record AttachmentOwner(AttachedTo To, int? InspectionId, string? IndicatorCode = null, int? DisputeId = null, int? CommentId = null, int? CorrectiveActionId = null)
{
    public static AttachmentOwner Record(int inspectionId) => new(AttachedTo.Record, inspectionId);

    public static AttachmentOwner Indicator(int inspectionId, string indicatorCode) => new(AttachedTo.Indicator, inspectionId, indicatorCode);

    public static AttachmentOwner Dispute(int inspectionId, int disputeId, string indicatorCode) => new(AttachedTo.Dispute, inspectionId, indicatorCode, DisputeId: disputeId);

    public static AttachmentOwner Comment(int inspectionId, int commentId, string? indicatorCode) => new(AttachedTo.Comment, inspectionId, indicatorCode, CommentId: commentId);

    public static AttachmentOwner Action(int correctiveActionId, int? inspectionId, string? indicatorCode) =>
        new(AttachedTo.CorrectiveAction, inspectionId, indicatorCode, CorrectiveActionId: correctiveActionId);
}

/// <summary>A file as it was checked and stored: its content lives in the attachment store under <see cref="StorageKey"/>.</summary>
public sealed record StoredFile(string Name, string ContentType, AttachmentKind Kind, long Size, string Sha256, string StorageKey, int? Width = null, int? Height = null, string? ThumbnailKey = null);

/// <summary>
/// A photo or file kept as evidence on an inspection record (issue #14). Attachments are never changed or deleted:
/// they are part of the record, like its audit log.
/// </summary>
public sealed class Attachment : Entity
{
    public const int NameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;
    public const int KeyMaxLength = 80;

    private Attachment()
    {
    }

    public Attachment(AttachmentOwner owner, StoredFile file, int uploadedById, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(file);
        if (owner.InspectionId is null && owner.CorrectiveActionId is null)
        {
            throw new DomainException("Attachment.NoOwner", "A file must belong to an inspection record or a corrective action.");
        }

        if (owner.To is AttachedTo.Indicator or AttachedTo.Dispute && string.IsNullOrWhiteSpace(owner.IndicatorCode))
        {
            throw new DomainException("Attachment.IndicatorRequired", "Name the indicator the file is evidence for.");
        }

        To = owner.To;
        InspectionId = owner.InspectionId;
        IndicatorCode = string.IsNullOrWhiteSpace(owner.IndicatorCode) ? null : owner.IndicatorCode;
        DisputeId = owner.DisputeId;
        CommentId = owner.CommentId;
        CorrectiveActionId = owner.CorrectiveActionId;
        FileName = SafeName(file.Name);
        ContentType = file.ContentType;
        Kind = file.Kind;
        Size = file.Size;
        Sha256 = file.Sha256;
        StorageKey = file.StorageKey;
        ThumbnailKey = file.ThumbnailKey;
        Width = file.Width;
        Height = file.Height;
        UploadedById = uploadedById;
        UploadedAt = utcNow;
    }

    public AttachedTo To { get; private set; }

    public int? InspectionId { get; private set; }

    public string? IndicatorCode { get; private set; }

    public int? DisputeId { get; private set; }

    public int? CommentId { get; private set; }

    public int? CorrectiveActionId { get; private set; }

    /// <summary>The name the file was uploaded with (no folders), for showing and for downloading.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>The media type decided from the content (e.g. <c>image/jpeg</c>, <c>application/pdf</c>).</summary>
    public string ContentType { get; private set; } = "";

    public AttachmentKind Kind { get; private set; }

    public long Size { get; private set; }

    /// <summary>SHA-256 of the content (lower-case hex): the file served is the file uploaded.</summary>
    public string Sha256 { get; private set; } = "";

    public string StorageKey { get; private set; } = "";

    /// <summary>A small JPEG of an image, when one could be made.</summary>
    public string? ThumbnailKey { get; private set; }

    public int? Width { get; private set; }

    public int? Height { get; private set; }

    public int UploadedById { get; private set; }

    public DateTime UploadedAt { get; private set; }

    public bool IsImage => Kind == AttachmentKind.Image;

    /// <summary>The file name without any folder part, control characters or surrounding spaces; "file" when nothing is left.</summary>
    public static string SafeName(string? name)
    {
        var leaf = (name ?? "").Replace('\\', '/');
        leaf = leaf[(leaf.LastIndexOf('/') + 1)..];
        leaf = new string([.. leaf.Where(c => !char.IsControl(c))]).Trim();
        if (leaf.Length > NameMaxLength)
        {
            var extension = Path.GetExtension(leaf);
            leaf = extension.Length is > 0 and < 16 ? leaf[..(NameMaxLength - extension.Length)] + extension : leaf[..NameMaxLength];
        }

        return leaf.Length == 0 || leaf is "." or ".." ? "file" : leaf;
    }
}
