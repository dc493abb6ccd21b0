using System.Net;
using System.Text.Json;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Dashboards;

/// <summary>Issue #17 item 10: one indicator over the rounds, for a team and for the organisation, agreeing with the round dashboard.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Indicator_trends(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private static JsonElement Chart(string html, string id)
    {
        var json = Html.AttributeOf(html, $"canvas#chart-{id}", "data-chart");
        Assert.False(json is null, $"No chart {id}.");
        return JsonDocument.Parse(json!).RootElement.Clone();
    }

    [Fact]
    public async Task An_indicators_trend_draws_the_team_and_the_organisation_with_the_dashboards_figure_for_each_round()
    {
        await factory.EnsureDemoDataAsync();
        var (roundId, roundName) = await factory.WithDbAsync(db => Task.FromResult(db.Rounds.Where(r => r.Status == RoundStatus.Closed)
            .OrderByDescending(r => r.PeriodStart).Select(r => new ValueTuple<int, string>(r.Id, r.Name)).First()));
        var teamId = await factory.TeamIdAsync(ServiceReviewWebFactory.Lead1Team);
        var manager = await factory.SignedInAsync("manager@demo.local");
        var weakest = Chart(await manager.GetStringAsync($"/Dashboards?roundId={roundId}"), "weakest");
        var label = weakest.GetProperty("labels")[0].GetString()!;
        var code = label.Split(' ')[0];
        var organisationShare = weakest.GetProperty("series")[0].GetProperty("values")[0].GetDouble();

        var html = await manager.GetStringAsync($"/Dashboards/Trends?teamId={teamId}&indicator={Uri.EscapeDataString(code)}");

        Assert.Equal(code, Html.AttributeOf(html, "select#indicator option[selected]", "value"));
        var trend = Chart(html, "trend-indicator");
        Assert.Equal("%", trend.GetProperty("unit").GetString());
        Assert.Equal(2, trend.GetProperty("series").GetArrayLength());
        var at = trend.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList().IndexOf(roundName);
        Assert.True(at >= 0, $"No point for {roundName}.");
        Assert.Equal(organisationShare, trend.GetProperty("series")[1].GetProperty("values")[at].GetDouble());
        var team = trend.GetProperty("series")[0].GetProperty("values").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();
        Assert.NotEmpty(team);
        Assert.All(team, v => Assert.InRange(v, 0, 100));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Dashboards/TrendsExport?teamId={teamId}&indicator={Uri.EscapeDataString(code)}")).StatusCode);
    }

    [Fact]
    public async Task Without_an_indicator_chosen_the_trends_page_offers_the_choice_and_computes_no_organisation_line()
    {
        await factory.EnsureDemoDataAsync();
        var teamId = await factory.TeamIdAsync(ServiceReviewWebFactory.Lead1Team);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Dashboards/Trends?teamId={teamId}");

        Assert.True(Html.All(html, "select#indicator option").Count > 10);
        Assert.Null(Html.First(html, "canvas#chart-trend-indicator"));
    }
}
