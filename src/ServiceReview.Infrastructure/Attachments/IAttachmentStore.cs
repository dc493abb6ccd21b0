namespace ServiceReview.Infrastructure.Attachments;

/// <summary>
/// Where the bytes of attachments live (ADR 0026): the database (the default: shared by every app instance and in every
/// backup) or a folder. Keys are made by the store's caller (<see cref="NewKey"/>) and never reused; content is never
/// changed once written.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Writes the content under <paramref name="key"/>. The database store adds it to the caller's unit of work (saved
    /// with the attachment's row); the folder store writes the file at once.
    /// </summary>
    Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The content, or null when nothing is stored under <paramref name="key"/>.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>A new random key (URL- and file-name-safe).</summary>
    static string NewKey() => Guid.NewGuid().ToString("N");
}
