namespace ServiceReview.Core.Organisation;

/// <summary>
/// Local time for people (docs/decisions/0022-local-time-zones.md). The database keeps UTC instants; people read and
/// type wall-clock times and calendar days. Page-level dates (the home page's "today", round windows, audit and plan
/// dates, timestamps) are in the organisation's zone (<c>Organisation:TimeZone</c>, default Asia/Shanghai); a
/// project's own items (a corrective action's due date and whether it is overdue, service-record periods) are in
/// the project's zone. One instance per app, over the app's <see cref="TimeProvider"/>.
/// </summary>
public sealed class OrganisationClock
{
    public const string DefaultTimeZoneId = Project.DefaultTimeZoneId;

    private readonly TimeProvider _clock;

    public OrganisationClock(TimeProvider clock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(zone);
        _clock = clock;
        Zone = zone;
    }

    /// <summary>
    /// The clock for the configured zone id (empty: Asia/Shanghai). An id this machine does not know is refused:
    /// guessing a zone would shift every date people see.
    /// </summary>
    public static OrganisationClock For(TimeProvider clock, string? timeZoneId) => new(clock, FindOrganisationZone(timeZoneId));

    /// <summary>The organisation's zone for a configured id; throws, naming the setting, when the id is unknown.</summary>
    public static TimeZoneInfo FindOrganisationZone(string? timeZoneId)
    {
        var id = string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZoneId : timeZoneId.Trim();
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new InvalidOperationException(
                $"Organisation:TimeZone '{id}' is not a time zone this machine knows. Use an IANA id such as Asia/Shanghai (the default) or Europe/London.");
    }

    /// <summary>A project's zone; an empty or unknown id (not accepted on the project form) reads as Asia/Shanghai, the projects' default.</summary>
    public static TimeZoneInfo ProjectZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(Project.DefaultTimeZoneId);

    /// <summary>The organisation's zone.</summary>
    public TimeZoneInfo Zone { get; }

    public DateTime UtcNow => _clock.GetUtcNow().UtcDateTime;

    /// <summary>The organisation's wall-clock time now (Kind Unspecified).</summary>
    public DateTime Now => ToLocal(UtcNow);

    /// <summary>The organisation's calendar day now: page-level "today".</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The calendar day now in <paramref name="zone"/>.</summary>
    public DateOnly TodayIn(TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(UtcNow, zone));

    /// <summary>The calendar day now in a project's zone: its corrective actions are due and overdue by this day.</summary>
    public DateOnly TodayInProject(string? projectTimeZoneId) => TodayIn(ProjectZone(projectTimeZoneId));

    /// <summary>A UTC instant as the organisation's wall-clock time (Kind Unspecified).</summary>
    public DateTime ToLocal(DateTime utc) => ToLocal(utc, Zone);

    /// <summary>A wall-clock time in the organisation's zone (its Kind is ignored) as UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>The organisation's calendar day of a UTC instant.</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>A UTC instant as wall-clock time in <paramref name="zone"/> (Kind Unspecified).</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);
}
