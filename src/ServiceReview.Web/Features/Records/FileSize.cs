using System.Globalization;

namespace ServiceReview.Web.Features.Records;

/// <summary>A file's size as people read it: 512 B, 34 KB, 2.1 MB.</summary>
public static class FileSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("0", CultureInfo.CurrentCulture) + " B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0", CultureInfo.CurrentCulture) + " KB",
        _ => (bytes / (1024d * 1024d)).ToString("0.0", CultureInfo.CurrentCulture) + " MB",
    };
}
