namespace ServiceReview.Infrastructure.Attachments;

public enum AttachmentStorage
{
    /// <summary>In the database (default): works with several app instances and is in every backup.</summary>
    Database,

    /// <summary>In <see cref="AttachmentOptions.Folder"/>: back the folder up with the database.</summary>
    Folder,
}

/// <summary>Limits and storage of evidence files (section <c>Attachments</c>, issue #14).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Bytes of one file.</summary>
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Files on one inspection record, all kinds together (its indicators, disputes, comments and actions).</summary>
    public int MaxFilesPerRecord { get; set; } = 20;

    /// <summary>Pixels of one image (width × height): a small file can declare a huge picture.</summary>
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>Inflated bytes of an .xlsx or .docx (a zip): a decompression bomb is refused.</summary>
    public long MaxUnzippedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Entries (parts) of an .xlsx or .docx.</summary>
    public int MaxZipEntries { get; set; } = 1000;

    /// <summary>How many times a part (or the whole zip) may inflate its compressed size, once past 1 MiB inflated.</summary>
    public int MaxZipRatio { get; set; } = 200;

    /// <summary>Long side of an image's thumbnail, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    public AttachmentStorage Storage { get; set; } = AttachmentStorage.Database;

    /// <summary>The folder of the folder store (relative to the working directory unless rooted).</summary>
    public string Folder { get; set; } = "App_Data/attachments";
}
