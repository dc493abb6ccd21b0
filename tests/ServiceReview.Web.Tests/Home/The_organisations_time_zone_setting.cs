using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Home;

/// <summary><c>Organisation:TimeZone</c> decides page-level dates such as the home page's "today" (ADR 0022).</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_organisations_time_zone_setting
{
    private static readonly DateTimeOffset HalfPastMidnightInBeijing = new(2026, 12, 4, 16, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "2026-12-05")]
    [InlineData("America/New_York", "2026-12-04")] // 11:30 on the 4th
    [InlineData("Pacific/Kiritimati", "2026-12-05")] // 06:30 on the 5th
    [InlineData("Europe/London", "2026-12-04")] // 16:30 on the 4th
    public async Task Decides_the_home_pages_today(string? zone, string expected)
    {
        using var factory = F.WithSettings(zone is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Organisation:TimeZone"] = zone });
        using var pinned = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<TimeProvider>(new Local_dates_at_half_past_midnight_in_Beijing.FixedClock(HalfPastMidnightInBeijing))));
        await factory.CreateUserAsync("tz-manager@test.local", F.DemoPassword, "Manager");
        var client = pinned.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await F.SignInAsync(client, "tz-manager@test.local", F.DemoPassword);

        var html = await client.GetStringAsync("/");

        Assert.Contains($"data-today=\"{expected}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_zone_stops_the_app_at_start_up_naming_the_setting()
    {
        using var factory = F.WithSettings(new Dictionary<string, string?> { ["Organisation:TimeZone"] = "Mars/Olympus_Mons" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Organisation:TimeZone", messages, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
