using System.Globalization;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Models.Reviews;

/// <summary>How the review pages show scores and instants: one decimal in the user's culture; times in Asia/Shanghai.</summary>
public static class Display
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(Project.DefaultTimeZoneId);

    public static string Score(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    public static string Points(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.CurrentCulture) : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.CurrentCulture) : "—";

    public static string Time(DateTime? utc) =>
        utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), Zone).ToString("g", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
