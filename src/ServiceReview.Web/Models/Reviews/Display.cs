using System.Globalization;

namespace ServiceReview.Web.Models.Reviews;

/// <summary>How the review pages show scores: one decimal in the user's culture (times: <c>Clock.Time</c>, Common/OrganisationTimeFormat).</summary>
public static class Display
{

    public static string Score(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    public static string Points(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.CurrentCulture) : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
