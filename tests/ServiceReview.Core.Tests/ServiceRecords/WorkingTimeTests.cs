using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Core.Tests.ServiceRecords;

public sealed class WorkingTimeTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // Friday 2026-10-09 and Monday 2026-10-12; 2026-10-12 is declared a holiday below.
    private static WorkingCalendar NineToSix(params DateOnly[] holidays) =>
        new(WorkDays.Weekdays, new TimeOnly(9, 0), new TimeOnly(18, 0), holidays.Select(d => new Holiday(d, "假日")));

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0), Shanghai);

    [Fact]
    public void Calendar_hours_add_the_limit_to_the_start()
    {
        var start = new DateTime(2026, 10, 9, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal(start.AddHours(2.5), WorkingTime.Calendar.Deadline(start, 2.5m));
        Assert.Equal(26m, WorkingTime.Calendar.HoursBetween(start, start.AddHours(26)));
    }

    [Fact]
    public void A_working_calendar_carries_the_remaining_hours_over_a_weekend()
    {
        var time = new WorkingTime(NineToSix(), Shanghai);

        // Friday 17:00 + 2 working hours: one hour on Friday, one on Monday morning.
        Assert.Equal(Local(10, 12, 10), time.Deadline(Local(10, 9, 17), 2m));
        Assert.Equal(2m, time.HoursBetween(Local(10, 9, 17), Local(10, 12, 10)));
    }

    [Fact]
    public void A_working_calendar_skips_a_holiday_after_the_weekend()
    {
        var time = new WorkingTime(NineToSix(new DateOnly(2026, 10, 12)), Shanghai);

        Assert.Equal(Local(10, 13, 10), time.Deadline(Local(10, 9, 17), 2m));
        Assert.Equal(1m, time.HoursBetween(Local(10, 9, 17), Local(10, 13, 9)));
    }

    [Fact]
    public void A_record_received_outside_working_hours_starts_the_clock_at_the_next_opening()
    {
        var time = new WorkingTime(NineToSix(), Shanghai);

        // Saturday 22:00 → Monday 09:00 + 2 h.
        Assert.Equal(Local(10, 12, 11), time.Deadline(Local(10, 10, 22), 2m));
        // Thursday 20:00 → Friday 09:00 + 2 h.
        Assert.Equal(Local(10, 9, 11), time.Deadline(Local(10, 8, 20), 2m));
    }

    [Fact]
    public void A_limit_that_ends_exactly_at_closing_time_is_met_that_day()
    {
        var time = new WorkingTime(NineToSix(), Shanghai);

        Assert.Equal(Local(10, 9, 18), time.Deadline(Local(10, 9, 16), 2m));
    }

    [Fact]
    public void Twenty_four_working_hours_span_several_working_days()
    {
        var time = new WorkingTime(NineToSix(new DateOnly(2026, 10, 12)), Shanghai);

        // From Thursday 09:00: Thu 9 h, Fri 9 h, (weekend, holiday Monday), Tue 6 h → Tuesday 15:00.
        Assert.Equal(Local(10, 13, 15), time.Deadline(Local(10, 8, 9), 24m));
        Assert.Equal(24m, time.HoursBetween(Local(10, 8, 9), Local(10, 13, 15)));
    }

    [Fact]
    public void Hours_between_an_instant_and_an_earlier_one_are_zero()
    {
        Assert.Equal(0m, new WorkingTime(NineToSix(), Shanghai).HoursBetween(Local(10, 9, 12), Local(10, 9, 11)));
    }
}
