using System.Globalization;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Common;

/// <summary>Shows a stored UTC instant as the organisation's wall-clock time (Asia/Shanghai) in the user's culture.</summary>
public static class OrganisationTimeFormat
{
    public static string Show(DateTime utc) => OrganisationTime.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    public static string Show(DateTime? utc) => utc is { } value ? Show(value) : "";

    public static string Show(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
