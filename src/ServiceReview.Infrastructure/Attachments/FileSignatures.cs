using System.IO.Compression;
using System.Text;
using ServiceReview.Core.Records;

namespace ServiceReview.Infrastructure.Attachments;

/// <summary>What a file's bytes say it is: the kind, the media type served, and whether it is HEIC (a photo format no decoder here reads).</summary>
public sealed record FileType(AttachmentKind Kind, string ContentType, bool IsHeic = false);

/// <summary>
/// Decides a file's type from its content (its signature), never from its name (issue #14): JPEG, PNG, WebP, GIF, HEIC,
/// PDF, XLSX and DOCX (zips told apart by their main part), UTF-8 CSV and plain text. Anything else is null: refused.
/// </summary>
public static class FileSignatures
{
    public static FileType? Detect(ReadOnlySpan<byte> content, string? fileName)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return new(AttachmentKind.Image, "image/jpeg");
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new(AttachmentKind.Image, "image/png");
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return new(AttachmentKind.Image, "image/gif");
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return new(AttachmentKind.Image, "image/webp");
        }

        if (content.Length >= 12 && content[4..8].SequenceEqual("ftyp"u8) && IsHeicBrand(content[8..12]))
        {
            return new(AttachmentKind.Image, "image/heic", IsHeic: true);
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return new(AttachmentKind.Pdf, "application/pdf");
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            return OfficeType(content);
        }

        return IsText(content)
            ? string.Equals(Path.GetExtension(fileName), ".csv", StringComparison.OrdinalIgnoreCase)
                ? new(AttachmentKind.Csv, "text/csv")
                : new(AttachmentKind.Text, "text/plain")
            : null;
    }

    private static bool IsHeicBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("heim"u8)
        || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8);

    /// <summary>An .xlsx has <c>xl/workbook.xml</c>, a .docx <c>word/document.xml</c>; any other zip is refused.</summary>
    private static FileType? OfficeType(ReadOnlySpan<byte> content)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            if (names.Contains("xl/workbook.xml"))
            {
                return new(AttachmentKind.Spreadsheet, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            }

            return names.Contains("word/document.xml")
                ? new(AttachmentKind.Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // A crafted zip can make ZipArchive throw any of these (dotnet/runtime#109167): not an Office file we accept.
            return null;
        }
    }

    /// <summary>UTF-8 (with or without BOM) without NUL or other control characters than tab, CR, LF and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
        {
            return false;
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
            return text.All(c => !char.IsControl(c) || c is '\t' or '\r' or '\n' or '\f');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
