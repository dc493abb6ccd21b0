using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Features.Attachments;

/// <summary>A file read and checked, not yet stored; an image's declared size and its thumbnail (a JPEG) when one could be made.</summary>
public sealed record CheckedFile(string Name, byte[] Content, FileType Type, int? Width = null, int? Height = null, byte[]? Thumbnail = null);

/// <summary>
/// Evidence files (issue #14, ADR 0026): checks uploads (type by content, size, the record's count) and stores them
/// behind <see cref="IAttachmentStore"/>. Every feature that takes files (the form, disputes, comments, corrective
/// actions) checks them first with <see cref="CheckAsync"/>, then saves its own row, then <see cref="AddAsync"/>s the files
/// and saves again — or saves once when the owner's id is known.
/// </summary>
public sealed class AttachmentService(ServiceReviewDbContext db, IAttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    public const string AuditEntityType = nameof(Attachment);

    private AttachmentOptions Limits => options.Value;

    /// <summary>
    /// Reads and checks every file; throws <see cref="UploadRefusedException"/> for the first one refused (413 over the
    /// size or the record's count, 415 for a type not accepted, 422 for a damaged one). Nothing is stored.
    /// </summary>
    public async Task<IReadOnlyList<CheckedFile>> CheckAsync(IReadOnlyList<IFormFile> files, int? inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var present = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (present.Count == 0)
        {
            return [];
        }

        if (inspectionId is { } id)
        {
            var already = await db.Attachments.CountAsync(a => a.InspectionId == id, cancellationToken);
            if (already + present.Count > Limits.MaxFilesPerRecord)
            {
                throw UploadRefusedException.TooLarge("AttachmentsPerRecord", Limits.MaxFilesPerRecord, bytes: false, "A record may have no");
            }
        }

        var checkedFiles = new List<CheckedFile>(present.Count);
        foreach (var file in present)
        {
            checkedFiles.Add(await CheckOneAsync(file, cancellationToken));
        }

        return checkedFiles;
    }

    /// <summary>
    /// Stores the files (and their thumbnails) and adds their rows to the unit of work; the caller saves, and writes the
    /// audit line its use case calls for (the row itself keeps who uploaded the file and when).
    /// </summary>
    public async Task<IReadOnlyList<Attachment>> AddAsync(Actor actor, AttachmentOwner owner, IReadOnlyList<CheckedFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(files);
        var uploadedBy = actor.PersonId ?? throw new DomainException("Attachment.NoPerson", "Only a person can attach files.");
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<Attachment>(files.Count);
        foreach (var file in files)
        {
            var key = IAttachmentStore.NewKey();
            await store.WriteAsync(key, file.Content, cancellationToken);
            string? thumbnailKey = null;
            if (file.Thumbnail is { } thumbnail)
            {
                thumbnailKey = IAttachmentStore.NewKey();
                await store.WriteAsync(thumbnailKey, thumbnail, cancellationToken);
            }

            var stored = new StoredFile(file.Name, file.Type.ContentType, file.Type.Kind, file.Content.LongLength,
                Convert.ToHexStringLower(SHA256.HashData(file.Content)), key, file.Width, file.Height, thumbnailKey);
            var attachment = new Attachment(owner, stored, uploadedBy, now);
            db.Attachments.Add(attachment);
            added.Add(attachment);
        }

        return added;
    }

    /// <summary>One attachment's row and bytes, for serving; null when it does not exist.</summary>
    public async Task<(Attachment Attachment, byte[] Content)?> ReadAsync(int id, CancellationToken cancellationToken = default)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (attachment is null || await store.ReadAsync(attachment.StorageKey, cancellationToken) is not { } content)
        {
            return null;
        }

        return (attachment, content);
    }

    /// <summary>The row and the thumbnail's bytes (a JPEG); null when the attachment does not exist or has no thumbnail.</summary>
    public async Task<(Attachment Attachment, byte[] Content)?> ReadThumbnailAsync(int id, CancellationToken cancellationToken = default)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (attachment?.ThumbnailKey is not { } key || await store.ReadAsync(key, cancellationToken) is not { } content)
        {
            return null;
        }

        return (attachment, content);
    }

    /// <summary>The inspector's evidence on a record (on the record as a whole and on its indicators), oldest first.</summary>
    public async Task<IReadOnlyList<Attachment>> EvidenceOfAsync(int inspectionId, CancellationToken cancellationToken = default) =>
        await db.Attachments.AsNoTracking()
            .Where(a => a.InspectionId == inspectionId && (a.To == AttachedTo.Record || a.To == AttachedTo.Indicator))
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The row only (no bytes), for deciding who may see it before anything is read from the store.</summary>
    public Task<Attachment?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    private async Task<CheckedFile> CheckOneAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > Limits.MaxFileBytes)
        {
            throw UploadRefusedException.TooLarge("AttachmentBytes", Limits.MaxFileBytes, bytes: true, "A file may have no");
        }

        // Read at most one byte past the limit, whatever the declared length says, into a buffer of the declared size.
        var limit = Limits.MaxFileBytes;
        using var buffer = new MemoryStream((int)Math.Min(file.Length, limit) + 1);
        await using (var input = file.OpenReadStream())
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length)), cancellationToken)) > 0)
            {
                await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                if (buffer.Length > limit)
                {
                    throw UploadRefusedException.TooLarge("AttachmentBytes", limit, bytes: true, "A file may have no");
                }
            }
        }

        var content = buffer.ToArray();
        var type = FileSignatures.Detect(content, file.FileName)
            ?? throw new UploadRefusedException(UploadRefusal.UnsupportedType, "AttachmentType", "",
                "Only photos (JPEG, PNG, WebP, GIF), PDF, Excel (.xlsx), Word (.docx), CSV and text files can be attached.");
        if (type.IsHeic)
        {
            throw new UploadRefusedException(UploadRefusal.UnsupportedType, "AttachmentHeic", "",
                "HEIC photos cannot be shown here: take the photo as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) or convert it.");
        }

        return Inspect(Attachment.SafeName(file.FileName), content, type);
    }

    /// <summary>
    /// What the content must pass besides its type: an image's declared pixel count (read from its header, nothing
    /// decoded; a broken header is a damaged file) before its thumbnail is made; an .xlsx or .docx must not be a
    /// decompression bomb.
    /// </summary>
    private CheckedFile Inspect(string name, byte[] content, FileType type)
    {
        switch (type.Kind)
        {
            case AttachmentKind.Image:
                var size = ImageHeaders.Read(content, type.ContentType)
                    ?? throw new UploadRefusedException(UploadRefusal.Malformed, "AttachmentDamaged", "", "The picture is damaged: its header cannot be read.");
                if (size.Pixels > Limits.MaxImagePixels)
                {
                    throw UploadRefusedException.TooLarge("ImagePixels", Limits.MaxImagePixels, bytes: false, "A picture may have no");
                }

                return new CheckedFile(name, content, type, size.Width, size.Height, Thumbnails.MakeJpeg(content, Limits.ThumbnailSize));
            case AttachmentKind.Spreadsheet or AttachmentKind.Document:
                OfficeZipGuard.Check(content, Limits);
                return new CheckedFile(name, content, type);
            default:
                return new CheckedFile(name, content, type);
        }
    }
}
