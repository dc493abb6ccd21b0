namespace ServiceReview.Core.Organisation;

/// <summary>
/// The organisation's wall clock (Asia/Shanghai, 北京时间). People type and read times such as an inspection
/// window in it; the database keeps UTC.
/// </summary>
public static class OrganisationTime
{
    public const string TimeZoneId = Project.DefaultTimeZoneId;

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>A wall-clock time in the organisation's zone (its Kind is ignored) as UTC.</summary>
    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>A UTC instant as the organisation's wall-clock time (Kind Unspecified).</summary>
    public static DateTime ToLocal(DateTime utc) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone), DateTimeKind.Unspecified);
}
