using ServiceReview.Core.Organisation;

namespace ServiceReview.Core.Tests.Organisation;

/// <summary>Local time for people (ADR 0022): the organisation's zone for page-level dates, a project's zone for its items.</summary>
public sealed class The_organisation_clock
{
    private static readonly DateTimeOffset HalfPastMidnightInBeijing = new(2026, 12, 4, 16, 30, 0, TimeSpan.Zero);

    private static OrganisationClock At(DateTimeOffset now, string? zone = null) => OrganisationClock.For(new FixedClock(now), zone);

    [Fact]
    public void At_16_30_UTC_on_the_fourth_it_is_already_the_fifth_in_Beijing_by_default()
    {
        var clock = At(HalfPastMidnightInBeijing);

        Assert.Equal("Asia/Shanghai", clock.Zone.Id);
        Assert.Equal(new DateOnly(2026, 12, 5), clock.Today);
        Assert.Equal(new DateTime(2026, 12, 5, 0, 30, 0), clock.Now);
        Assert.Equal(DateTimeKind.Unspecified, clock.Now.Kind);
    }

    [Fact]
    public void A_project_in_New_York_is_still_on_the_fourth_at_that_instant()
    {
        var clock = At(HalfPastMidnightInBeijing);

        Assert.Equal(new DateOnly(2026, 12, 4), clock.TodayInProject("America/New_York"));
        Assert.Equal(new DateOnly(2026, 12, 5), clock.TodayInProject("Asia/Shanghai"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Not/AZone")]
    public void A_project_without_a_known_zone_is_on_Beijing_time(string? zone)
    {
        Assert.Equal(new DateOnly(2026, 12, 5), At(HalfPastMidnightInBeijing).TodayInProject(zone));
    }

    [Fact]
    public void A_configured_organisation_zone_moves_today_and_the_conversions()
    {
        var clock = At(HalfPastMidnightInBeijing, "America/New_York");

        Assert.Equal(new DateOnly(2026, 12, 4), clock.Today);
        Assert.Equal(new DateTime(2026, 12, 4, 11, 30, 0), clock.Now);
        Assert.Equal(new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc), clock.ToUtc(new DateTime(2026, 12, 1, 9, 0, 0)));
        Assert.Equal(new DateOnly(2026, 12, 4), clock.DayOf(new DateTime(2026, 12, 5, 4, 59, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void An_unknown_organisation_zone_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => At(HalfPastMidnightInBeijing, "Mars/Olympus_Mons"));

        Assert.Contains("Organisation:TimeZone", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
