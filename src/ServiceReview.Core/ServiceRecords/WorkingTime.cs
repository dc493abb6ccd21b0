using ServiceReview.Core.Organisation;

namespace ServiceReview.Core.ServiceRecords;

/// <summary>
/// Measures service-record durations the way the project counts them: calendar hours, or (with a
/// <see cref="WorkingCalendar"/>) only the working hours of working days in the project's time zone, skipping
/// holidays. A limit is met when the event happens at or before <see cref="Deadline"/> (≤ limit).
/// </summary>
public sealed class WorkingTime
{
    private readonly WorkingCalendar? _calendar;
    private readonly TimeZoneInfo _zone;

    public WorkingTime(WorkingCalendar? calendar, TimeZoneInfo zone)
    {
        _calendar = calendar;
        _zone = zone;
    }

    /// <summary>Calendar hours (no working calendar).</summary>
    public static WorkingTime Calendar { get; } = new(null, TimeZoneInfo.Utc);

    public bool IsCalendarTime => _calendar is null;

    /// <summary>Whole seconds of a limit in hours (what SQL adds to a timestamp when the limit is in calendar hours).</summary>
    public static long LimitSeconds(decimal hours) => (long)Math.Round(hours * 3600m, MidpointRounding.AwayFromZero);

    /// <summary>The instant at which <paramref name="hours"/> of (working) time have passed since <paramref name="startUtc"/>.</summary>
    public DateTime Deadline(DateTime startUtc, decimal hours)
    {
        var remaining = TimeSpan.FromSeconds(LimitSeconds(hours));
        if (_calendar is null)
        {
            return startUtc + remaining;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(startUtc), _zone);
        var day = DateOnly.FromDateTime(local);
        var cursor = local;

        // Every working day consumes at most (DayEnd - DayStart); the calendar has at least one work day a week and
        // finitely many holidays, so the walk ends.
        while (true)
        {
            if (_calendar.IsWorkingDay(day))
            {
                var open = day.ToDateTime(_calendar.DayStart);
                var close = day.ToDateTime(_calendar.DayEnd);
                var from = cursor > open ? cursor : open;
                if (from < close)
                {
                    var available = close - from;
                    if (remaining <= available)
                    {
                        return ToUtc(from + remaining);
                    }

                    remaining -= available;
                }
            }

            day = day.AddDays(1);
            cursor = day.ToDateTime(TimeOnly.MinValue);
        }
    }

    /// <summary>Hours of (working) time between two instants; 0 when <paramref name="toUtc"/> is not later.</summary>
    public decimal HoursBetween(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return 0m;
        }

        if (_calendar is null)
        {
            return (decimal)(toUtc - fromUtc).Ticks / TimeSpan.TicksPerHour;
        }

        var from = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(fromUtc), _zone);
        var to = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(toUtc), _zone);
        long ticks = 0;
        for (var day = DateOnly.FromDateTime(from); day <= DateOnly.FromDateTime(to); day = day.AddDays(1))
        {
            if (!_calendar.IsWorkingDay(day))
            {
                continue;
            }

            var open = day.ToDateTime(_calendar.DayStart);
            var close = day.ToDateTime(_calendar.DayEnd);
            var start = from > open ? from : open;
            var end = to < close ? to : close;
            if (end > start)
            {
                ticks += (end - start).Ticks;
            }
        }

        return (decimal)ticks / TimeSpan.TicksPerHour;
    }

    private DateTime ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(local))
        {
            // A local time skipped by a daylight-saving jump: the first valid moment after it.
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
