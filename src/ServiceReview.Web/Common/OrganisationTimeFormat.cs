using System.Globalization;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Common;

/// <summary>
/// Shows stored UTC instants as the organisation's wall-clock time (<c>Organisation:TimeZone</c>) in the user's
/// culture. Views reach the clock as <c>Clock</c> (_ViewImports).
/// </summary>
public static class OrganisationTimeFormat
{
    /// <summary>Date and short time, e.g. "2026/12/5 0:30"; empty when there is no instant.</summary>
    public static string Show(this OrganisationClock clock, DateTime? utc)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return utc is { } value ? clock.ToLocal(value).ToString("g", CultureInfo.CurrentCulture) : "";
    }

    /// <summary>As <see cref="Show(OrganisationClock, DateTime?)"/>, with "—" when there is no instant.</summary>
    public static string Time(this OrganisationClock clock, DateTime? utc) => utc is null ? "—" : clock.Show(utc);

    public static string Show(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
