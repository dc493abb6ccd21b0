namespace ServiceReview.Core.ServiceRecords;

/// <summary>
/// A service period (first to last day inclusive) cut in the project's time zone: a record belongs to it when its
/// received time falls in [<see cref="StartUtc"/>, <see cref="EndUtc"/>).
/// </summary>
public sealed record ServicePeriod(DateOnly First, DateOnly Last, DateTime StartUtc, DateTime EndUtc)
{
    public static ServicePeriod Of(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        if (last < first)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(last));
        }

        return new ServicePeriod(first, last, StartOf(first, zone), StartOf(last.AddDays(1), zone));
    }

    /// <summary>A project's zone (see <see cref="Organisation.OrganisationClock.ProjectZone"/>).</summary>
    public static TimeZoneInfo FindZone(string? timeZoneId) => Organisation.OrganisationClock.ProjectZone(timeZoneId);

    private static DateTime StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
