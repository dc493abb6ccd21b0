using System.Buffers;
using System.IO.Compression;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Infrastructure.Attachments;

/// <summary>
/// Checks an attached .xlsx or .docx (a zip) for a decompression bomb before it is kept, as <see cref="XlsxGuard"/> does
/// for imports: the central directory must declare no more entries than <see cref="AttachmentOptions.MaxZipEntries"/>,
/// no more inflated bytes than <see cref="AttachmentOptions.MaxUnzippedBytes"/> and no ratio above
/// <see cref="AttachmentOptions.MaxZipRatio"/>; then every entry is inflated into one reused buffer and counted, and
/// inflating stops as soon as a cap is passed (the directory can lie). Nothing inflated is kept.
/// </summary>
public static class OfficeZipGuard
{
    /// <summary>Below this many inflated bytes the ratio is not judged: small, very repetitive parts are harmless.</summary>
    public const long RatioFloorBytes = 1024 * 1024;

    public static void Check(byte[] content, AttachmentOptions limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                throw UploadRefusedException.TooLarge("ZipEntries", limits.MaxZipEntries, bytes: false, "The file is made of");
            }

            long declared = 0;
            long compressed = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length < 0 || entry.CompressedLength < 0)
                {
                    throw Damaged("negative size");
                }

                declared += entry.Length;
                compressed += entry.CompressedLength;
                if (declared > limits.MaxUnzippedBytes)
                {
                    throw Inflated(limits);
                }
            }

            CheckRatio(declared, compressed, limits);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                long inflated = 0;
                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    inflated += read;
                    total += read;
                    if (total > limits.MaxUnzippedBytes)
                    {
                        throw Inflated(limits);
                    }

                    CheckRatio(inflated, entry.CompressedLength, limits);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // A crafted zip can make ZipArchive throw these too (dotnet/runtime#109167): damaged, not a 500.
            throw Damaged(ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckRatio(long inflated, long compressed, AttachmentOptions limits)
    {
        if (inflated > RatioFloorBytes && inflated > Math.Max(compressed, 1) * limits.MaxZipRatio)
        {
            throw UploadRefusedException.TooLarge("ZipRatio", limits.MaxZipRatio, bytes: false, "The file is compressed more than this many times:");
        }
    }

    private static UploadRefusedException Inflated(AttachmentOptions limits) =>
        UploadRefusedException.TooLarge("ZipInflated", limits.MaxUnzippedBytes, bytes: true, "The file expands to");

    private static UploadRefusedException Damaged(string detail) =>
        new(UploadRefusal.Malformed, "AttachmentDamaged", "", $"The file is damaged and cannot be read ({detail}).");
}
