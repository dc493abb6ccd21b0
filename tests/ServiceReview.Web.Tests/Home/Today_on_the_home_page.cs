using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Home;

/// <summary>"Today" is the organisation's calendar day (Asia/Shanghai), whatever the server's own time zone is.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Today_on_the_home_page(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("2026-12-04T16:30:00Z", "2026-12-05")] // 00:30 in Beijing: already the 5th
    [InlineData("2026-12-04T15:59:00Z", "2026-12-04")] // 23:59 in Beijing
    public async Task Is_the_day_in_Beijing(string utc, string expected)
    {
        await factory.EnsureDemoDataAsync();
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        using var pinned = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now))));
        var client = pinned.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await ServiceReviewWebFactory.SignInAsync(client, "manager@demo.local", ServiceReviewWebFactory.DemoPassword);

        var html = await client.GetStringAsync("/");

        Assert.Contains($"data-today=\"{expected}\"", html, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        // The server's own zone must not matter: pretend it is UTC, as on a Linux server.
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
