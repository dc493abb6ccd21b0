using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Features.Analytics;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary><c>GET /api/analytics/inspectors</c> and <c>GET /api/rounds/{id}/agreement</c> on the demo data.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_analytics_api(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private static string Range(DateOnly from, DateOnly to) => $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    [Fact]
    public async Task The_bias_api_flags_exactly_the_lenient_and_the_severe_demo_inspectors()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var json = JsonDocument.Parse(await manager.GetStringAsync("/api/analytics/inspectors?from=2000-01-01&to=2100-12-31"));

        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("inspector").GetString()!);
        Assert.Equal(5, rows.Count);
        var flagged = rows.Where(r => r.Value.GetProperty("flag").ValueKind != JsonValueKind.Null)
            .ToDictionary(r => r.Key, r => r.Value.GetProperty("flag").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["inspector2@demo.local"] = "Lenient", ["inspector3@demo.local"] = "Severe" }, flagged);

        var lenient = rows["inspector2@demo.local"];
        Assert.True(lenient.GetProperty("meanDifference").GetDouble() > 5);
        Assert.True(lenient.GetProperty("ciLow").GetDouble() > 0);
        Assert.True(lenient.GetProperty("standardError").GetDouble() > 0);
        Assert.True(lenient.GetProperty("shared").GetInt32() >= 5);
        Assert.True(rows["inspector3@demo.local"].GetProperty("ciHigh").GetDouble() < 0);
        Assert.True(Math.Abs(rows["inspector1@demo.local"].GetProperty("meanDifference").GetDouble()) < 3);
    }

    [Fact]
    public async Task The_bias_api_counts_only_the_rounds_whose_period_falls_in_the_range()
    {
        var rounds = await factory.ClosedRoundsAsync();
        var manager = await factory.SignedInAsync("admin@demo.local");

        using var all = JsonDocument.Parse(await manager.GetStringAsync($"/api/analytics/inspectors?{Range(rounds[0].PeriodStart, rounds[^1].PeriodEnd)}"));
        using var one = JsonDocument.Parse(await manager.GetStringAsync($"/api/analytics/inspectors?{Range(rounds[0].PeriodStart, rounds[0].PeriodEnd)}"));
        using var cut = JsonDocument.Parse(await manager.GetStringAsync($"/api/analytics/inspectors?{Range(rounds[0].PeriodStart.AddDays(1), rounds[0].PeriodEnd)}"));

        // 7 rounds × 5 teams × 3 inspectors = 105 inspections, all shared; one round holds 15.
        Assert.Equal(105, all.RootElement.EnumerateArray().Sum(r => r.GetProperty("shared").GetInt32()));
        Assert.Equal(15, one.RootElement.EnumerateArray().Sum(r => r.GetProperty("shared").GetInt32()));
        Assert.All(one.RootElement.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("flag").ValueKind));
        Assert.Empty(cut.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_a_bad_request()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");

        var response = await manager.GetAsync("/api/analytics/inspectors?from=2026-12-31&to=2026-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"to\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_agreement_of_a_demo_round_uses_the_one_way_ICC_and_lists_every_indicator_poorest_first()
    {
        var rounds = await factory.ClosedRoundsAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{rounds[0].Id}/agreement"));
        var root = json.RootElement;

        Assert.Equal("ICC(1,1)", root.GetProperty("iccModel").GetString()); // 3 of 5 inspectors per team
        var alpha = root.GetProperty("alphaInterval").GetDouble();
        Assert.InRange(alpha, -1, 1);
        Assert.Contains(root.GetProperty("reading").GetString(), new[] { "poor", "moderate", "good", "excellent" });
        Assert.InRange(root.GetProperty("icc").GetDouble(), -1, 1);
        var indicators = root.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(14, indicators.Count);
        Assert.Equal("ordinal", indicators.Single(i => i.GetProperty("code").GetString() == "3.1").GetProperty("metric").GetString());
        Assert.Equal("interval", indicators.Single(i => i.GetProperty("code").GetString() == "4.2").GetProperty("metric").GetString());
        var values = indicators.Where(i => i.GetProperty("alpha").ValueKind == JsonValueKind.Number).Select(i => i.GetProperty("alpha").GetDouble()).ToList();
        Assert.Equal(values.Order().ToList(), values);
    }

    [Fact]
    public async Task Agreement_figures_are_rounded_once_at_the_edge_from_the_full_precision_value()
    {
        var rounds = await factory.ClosedRoundsAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        RoundAgreement full;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            full = (await scope.ServiceProvider.GetRequiredService<RoundAgreementService>().ComputeAsync(rounds[0].Id))!;
        }

        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{rounds[0].Id}/agreement"));

        // The service keeps full precision (rounding it to 3 places first made a true 0.8845 read 0.89) ...
        Assert.NotEqual(Math.Round(full.AlphaInterval!.Value, 3), full.AlphaInterval.Value);
        // ... and the API rounds it once, to two places, half away from zero.
        Assert.Equal((double)Math.Round((decimal)full.AlphaInterval.Value, 2, MidpointRounding.AwayFromZero), json.RootElement.GetProperty("alphaInterval").GetDouble());
        Assert.Equal((double)Math.Round((decimal)full.Icc.Value!.Value, 2, MidpointRounding.AwayFromZero), json.RootElement.GetProperty("icc").GetDouble());
    }

    [Fact]
    public async Task A_round_with_nothing_confirmed_has_null_figures_and_an_unknown_round_is_not_found()
    {
        var open = await factory.OpenDemoRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{open}/agreement"));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("alphaInterval").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("icc").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("reading").ValueKind);
        Assert.All(json.RootElement.GetProperty("indicators").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("alpha").ValueKind));

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/rounds/999999/agreement")).StatusCode);
    }

    [Theory]
    [InlineData("inspector2@demo.local", "/api/analytics/inspectors")]
    [InlineData("lead1@demo.local", "/api/analytics/inspectors")]
    [InlineData("inspector2@demo.local", "/api/rounds/1/agreement")]
    [InlineData("lead1@demo.local", "/api/rounds/1/agreement")]
    public async Task Inspectors_and_team_leads_are_forbidden(string email, string path)
    {
        var client = await factory.SignedInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/api/analytics/inspectors")]
    [InlineData("/api/rounds/1/agreement")]
    public async Task A_signed_out_call_gets_401(string path)
    {
        await factory.EnsureDemoDataAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowser().GetAsync(path)).StatusCode);
    }
}
