using Microsoft.Extensions.Localization;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>Time spent as the user reads it: "1 小时 5 分" / "1 h 5 min".</summary>
public static class TimeText
{
    public static string Format(int seconds, IStringLocalizer localizer)
    {
        var minutes = (seconds + 30) / 60;
        return minutes >= 60
            ? localizer["Inspections.Time.HoursMinutes", minutes / 60, minutes % 60]
            : localizer["Inspections.Time.Minutes", minutes];
    }
}
