using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Core.Tests.ServiceRecords;

public sealed class MeasuredRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly ServiceLimits Limits = ServiceLimits.Default;
    private static readonly DateTime Received = new(2026, 9, 10, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = new(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    private static RecordFacts Record(
        double? responseHours = 1, double? resolvedHours = 5, double? closedHours = 6, double? archivedHours = 10,
        bool? firstContact = true, bool text = true) =>
        new(Received, At(responseHours), At(resolvedHours), At(closedHours), At(archivedHours), firstContact, text);

    private static DateTime? At(double? hours) => hours is { } h ? Received.AddHours(h) : null;

    [Fact]
    public void A_first_response_exactly_at_the_limit_is_on_time_and_one_second_later_is_late()
    {
        var exactly = Record(responseHours: 2);
        var late = exactly with { FirstResponseAt = Received.AddHours(2).AddSeconds(1) };

        Assert.Equal(LimitOutcome.OnTime, MeasuredRules.FirstResponse(exactly, Limits, WorkingTime.Calendar, Later));
        Assert.Equal(LimitOutcome.Late, MeasuredRules.FirstResponse(late, Limits, WorkingTime.Calendar, Later));
    }

    [Fact]
    public void An_unresolved_record_is_pending_until_its_limit_has_elapsed_and_late_after()
    {
        var open = Record(resolvedHours: null, closedHours: null, archivedHours: null);

        Assert.Equal(LimitOutcome.Pending, MeasuredRules.Resolution(open, Limits, WorkingTime.Calendar, Received.AddHours(24)));
        Assert.Equal(LimitOutcome.Late, MeasuredRules.Resolution(open, Limits, WorkingTime.Calendar, Received.AddHours(24).AddSeconds(1)));
    }

    [Fact]
    public void A_timestamp_after_the_as_of_moment_counts_as_not_yet_happened()
    {
        var record = Record(responseHours: 1, resolvedHours: 30);
        var asOf = Received.AddHours(20);

        Assert.Equal(LimitOutcome.Pending, MeasuredRules.Resolution(record, Limits, WorkingTime.Calendar, asOf));
        Assert.False(MeasuredRules.IsResolved(record, asOf));
        Assert.Equal(LimitOutcome.Late, MeasuredRules.Resolution(record, Limits, WorkingTime.Calendar, Later));
    }

    [Theory]
    [InlineData(true, 1.0, 5.0, 6.0, 10.0, true)]
    [InlineData(false, 1.0, 5.0, 6.0, 10.0, false)] // a text field is missing
    [InlineData(true, null, 5.0, 6.0, 10.0, false)] // no first response
    [InlineData(true, 1.0, null, null, null, true)] // open record: resolved and archived not required yet
    [InlineData(true, 1.0, null, 6.0, 10.0, false)] // closed without a resolved time
    [InlineData(true, 1.0, 5.0, 6.0, null, false)] // closed without an archived time
    public void Completeness_requires_the_closing_times_only_of_closed_records(bool text, double? response, double? resolved, double? closed, double? archived, bool expected)
    {
        Assert.Equal(expected, MeasuredRules.IsComplete(Record(response, resolved, closed, archived, text: text), Later));
    }

    [Fact]
    public void An_archive_later_than_closed_plus_the_limit_is_late_and_a_missing_one_only_once_the_limit_has_elapsed()
    {
        var onTime = Record(closedHours: 6, archivedHours: 54);
        var late = Record(closedHours: 6, archivedHours: 54.01);
        var missing = Record(closedHours: 6, archivedHours: null);
        var notClosed = Record(closedHours: null, archivedHours: null);

        Assert.False(MeasuredRules.IsLateArchive(onTime, Limits, WorkingTime.Calendar, Later));
        Assert.True(MeasuredRules.IsLateArchive(late, Limits, WorkingTime.Calendar, Later));
        Assert.False(MeasuredRules.IsLateArchive(missing, Limits, WorkingTime.Calendar, Received.AddHours(54)));
        Assert.True(MeasuredRules.IsLateArchive(missing, Limits, WorkingTime.Calendar, Received.AddHours(55)));
        Assert.False(MeasuredRules.IsLateArchive(notClosed, Limits, WorkingTime.Calendar, Later));
    }

    [Fact]
    public void With_a_working_calendar_a_response_after_a_weekend_and_a_holiday_can_still_be_on_time()
    {
        var calendar = new WorkingCalendar(WorkDays.Weekdays, new TimeOnly(9, 0), new TimeOnly(18, 0), [new Holiday(new DateOnly(2026, 10, 12), null)]);
        var time = new WorkingTime(calendar, Shanghai);
        var friday1700 = new DateTime(2026, 10, 9, 9, 0, 0, DateTimeKind.Utc);
        var tuesday0959 = new DateTime(2026, 10, 13, 1, 59, 0, DateTimeKind.Utc);
        var record = new RecordFacts(friday1700, tuesday0959, null, null, null, null, true);

        Assert.Equal(LimitOutcome.OnTime, MeasuredRules.FirstResponse(record, Limits, time, Later));
        Assert.Equal(LimitOutcome.Late, MeasuredRules.FirstResponse(record, Limits, WorkingTime.Calendar, Later));
    }

    [Fact]
    public void Figures_count_pending_records_out_of_their_denominators_and_show_numerator_and_denominator()
    {
        var asOf = Received.AddHours(3);
        var records = new[]
        {
            Record(responseHours: 1, resolvedHours: 2, closedHours: 2, archivedHours: 2.5, firstContact: true),
            Record(responseHours: 2.5, resolvedHours: null, closedHours: null, archivedHours: null),     // late response, resolution pending
            Record(responseHours: null, resolvedHours: null, closedHours: null, archivedHours: null),     // response late (elapsed), resolution pending
            Record(responseHours: 1.5, resolvedHours: 2.9, closedHours: 3, archivedHours: null, firstContact: false, text: false),
        };

        var figures = MeasuredCounts.Tally(records, Limits, WorkingTime.Calendar, asOf).ToFigures();

        Assert.Equal(new(50.0m, 2, 4), figures[MeasuredMetric.Complete]); // records 1 and 2 (2 is open, so its closing times are not required yet)
        Assert.Equal(new(0m, 0, 4), figures[MeasuredMetric.LateArchives]);
        Assert.Equal(new(50.0m, 2, 4), figures[MeasuredMetric.FirstResponseOnTime]);
        Assert.Equal(new(100.0m, 2, 2), figures[MeasuredMetric.ResolvedOnTime]);
        Assert.Equal(new(50.0m, 1, 2), figures[MeasuredMetric.FirstContactResolution]);
    }

    [Fact]
    public void Percentages_are_rounded_to_one_decimal_half_away_from_zero()
    {
        Assert.Equal(12.3m, MeasuredCounts.Share(49, 400).Value);
        Assert.Equal(66.7m, MeasuredCounts.Share(2, 3).Value);
    }

    [Fact]
    public void A_period_with_no_records_has_no_value_for_any_figure()
    {
        var figures = MeasuredCounts.Tally([], Limits, WorkingTime.Calendar, Later).ToFigures();

        Assert.All(figures.Values, f => Assert.Null(f.Value));
        Assert.Equal(5, figures.Count);
    }

    [Fact]
    public void A_period_is_cut_at_midnight_in_the_projects_time_zone()
    {
        var september = ServicePeriod.Of(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), Shanghai);

        // 2026-09-30 23:30 in Shanghai is 15:30 UTC: still September. 2026-10-01 00:10 Shanghai is 16:10 UTC the day before.
        Assert.Equal(new DateTime(2026, 8, 31, 16, 0, 0, DateTimeKind.Utc), september.StartUtc);
        Assert.Equal(new DateTime(2026, 9, 30, 16, 0, 0, DateTimeKind.Utc), september.EndUtc);
        Assert.True(new DateTime(2026, 9, 30, 15, 30, 0, DateTimeKind.Utc) < september.EndUtc);
        Assert.False(new DateTime(2026, 9, 30, 16, 10, 0, DateTimeKind.Utc) < september.EndUtc);
    }
}
