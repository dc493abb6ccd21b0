using System.Globalization;

namespace ServiceReview.Infrastructure.Uploads;

/// <summary>Why an upload is refused as a whole: mapped to HTTP 413, 415 or 422 by the web layer.</summary>
public enum UploadRefusal
{
    /// <summary>A size cap was hit (bytes, parts, rows, columns, strings, characters): 413.</summary>
    TooLarge,

    /// <summary>The content is not the kind of file expected (e.g. a PNG named .xlsx): 415.</summary>
    WrongType,

    /// <summary>The file is of the right kind but broken (a corrupt zip, bad XML): 422.</summary>
    Malformed,

    /// <summary>An evidence file of a type not accepted at all (decided by its content): 415.</summary>
    UnsupportedType,
}

/// <summary>
/// An upload refused before anything was saved. <see cref="Code"/> is stable and is translated as
/// <c>Uploads.Refused.{Code}</c> with <see cref="Limit"/> as its argument (e.g. <c>64 MiB</c>, <c>20000</c>);
/// <see cref="Exception.Message"/> is English, for logs and API clients.
/// </summary>
public sealed class UploadRefusedException(UploadRefusal refusal, string code, string limit, string message) : Exception(message)
{
    public UploadRefusal Refusal { get; } = refusal;

    public string Code { get; } = code;

    public string Limit { get; } = limit;

    public static UploadRefusedException TooLarge(string code, long limit, bool bytes, string what) =>
        new(UploadRefusal.TooLarge, code, bytes ? FormatBytes(limit) : limit.ToString(CultureInfo.InvariantCulture),
            $"{what} more than {(bytes ? FormatBytes(limit) : limit.ToString("N0", CultureInfo.InvariantCulture))}.");

    public static UploadRefusedException NotAWorkbook() =>
        new(UploadRefusal.WrongType, "NotAWorkbook", "", "The file is not an Excel workbook (.xlsx).");

    public static UploadRefusedException Malformed(string detail) =>
        new(UploadRefusal.Malformed, "Malformed", "", $"The workbook is damaged and cannot be read ({detail}).");

    /// <summary>Bytes as the largest whole binary unit that reads well: 64 MiB, 512 KiB, 1000 bytes.</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 when bytes % (1024L * 1024 * 1024) == 0 => $"{bytes / (1024L * 1024 * 1024)} GiB",
        >= 1024L * 1024 when bytes % (1024L * 1024) == 0 => $"{bytes / (1024L * 1024)} MiB",
        >= 1024L * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} bytes",
    };
}
