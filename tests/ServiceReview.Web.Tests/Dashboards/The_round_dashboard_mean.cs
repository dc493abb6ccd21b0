using System.Globalization;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Dashboards;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Dashboards;

/// <summary>The dashboard's mean tile: computed by the query (RoundDashboard.MeanTotal), rounded once by the page, not by the view.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_round_dashboard_mean(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_mean_tile_is_the_mean_of_the_ranked_teams_totals_rounded_once()
    {
        await factory.EnsureDemoDataAsync();
        var roundId = await factory.WithDbAsync(db => Task.FromResult(db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderByDescending(r => r.PeriodStart).Select(r => r.Id).First()));
        var results = (await factory.WithServiceAsync<RoundResultsService, RoundResults?>(s => s.ComputeAsync(roundId)))!;
        var dashboard = (await factory.WithServiceAsync<DashboardQueries, RoundDashboard?>(s => s.RoundAsync(roundId, null, 5)))!;
        var totals = results.Teams.Where(t => t.Total is not null).Select(t => t.Total!.Value).ToList();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Dashboards?roundId={roundId}");

        Assert.NotEmpty(totals);
        Assert.Equal(totals.Average(), dashboard.MeanTotal);
        Assert.Equal(results.Teams.First(t => t.Total is not null).Team, dashboard.Ranked[0].Team);
        var shown = Figure.Round(totals.Average(), FigureKind.Score).ToString(Figure.DotNetFormat(FigureKind.Score), CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains($"data-kpi=\"mean\">{shown}</div>", html, StringComparison.Ordinal);
    }
}
