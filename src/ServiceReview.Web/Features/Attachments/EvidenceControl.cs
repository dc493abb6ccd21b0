using System.Globalization;
using ServiceReview.Core.Records;

namespace ServiceReview.Web.Features.Attachments;

/// <summary>
/// The "附件" control of the inspection form for one indicator (or, with no indicator, the record as a whole): a file
/// input, a camera input and the files already attached. <see cref="Id"/> prefixes the inputs' ids.
/// </summary>
public sealed record EvidenceControl(string Id, string UploadUrl, string? Indicator, string Label, IReadOnlyList<Attachment> Files);

/// <summary>How a file's size reads next to its name.</summary>
public static class AttachmentDisplay
{
    /// <summary>What the file input offers: the types <see cref="ServiceReview.Infrastructure.Attachments.FileSignatures"/> accepts.</summary>
    public const string Accept = "image/jpeg,image/png,image/webp,image/gif,.jpg,.jpeg,.png,.webp,.gif,application/pdf,.pdf,.xlsx,.docx,.csv,.txt,text/csv,text/plain";

    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
    };
}
