using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Statistics;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_statistics_page(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private Task<int> TeamNamedAsync(string name) => factory.WithDbAsync(db => db.Teams.Where(t => t.Name == name).Select(t => t.Id).FirstAsync());

    [Fact]
    public async Task A_manager_sees_every_team_with_charts_and_their_tables_in_chinese()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var teams = await factory.WithDbAsync(db => db.Teams.CountAsync());

        var html = await client.GetStringAsync("/Statistics");

        Assert.Contains(Texts.Zh("Statistics.Title"), html);
        Assert.Contains($"共 {teams} 个服务组", html);
        Assert.Contains(Texts.Zh("Statistics.Volume.ByType"), html);
        Assert.Contains("id=\"chart-ontime\"", html);
        Assert.Contains(Texts.Zh("Statistics.ShowTable"), html);
        Assert.Contains("chart.umd.min.js", html);
        Assert.Contains("id=\"repeat-customers\"", html);
    }

    [Fact]
    public async Task The_page_counts_the_same_records_as_the_database_for_one_team_and_a_month()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var (from, to) = (new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var start = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 9, 1), zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 10, 1), zone);
        var expected = await factory.WithDbAsync(db => db.ServiceRecords.CountAsync(r => r.TeamId == teamId && r.ReceivedAt >= start && r.ReceivedAt < end));

        var html = await client.GetStringAsync($"/Statistics?teamId={teamId}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&bucket=Month");

        Assert.Contains($"data-stat=\"records\">{expected:N0}<", html);
        Assert.Matches(Texts.ZhPattern("Statistics.Scope"), html);
    }

    [Fact]
    public async Task A_team_lead_sees_only_their_own_team_and_is_refused_another_teams_statistics()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var own = await factory.TeamLedByAsync("lead1@demo.local");
        var other = await factory.TeamLedByAsync("lead2@demo.local");

        var html = await client.GetStringAsync("/Statistics");
        var refused = await client.GetAsync($"/Statistics?teamId={other}");
        var unknown = await client.GetAsync("/Statistics?teamId=99999");
        var unknownProject = await client.GetAsync("/Statistics?projectId=99999");

        Assert.Matches(Texts.ZhPattern("Statistics.Scope"), html);
        Assert.Contains($"<option value=\"{own}\"", html);
        Assert.DoesNotContain($"<option value=\"{other}\"", html);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode); // to access denied
        Assert.Contains("AccessDenied", refused.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownProject.StatusCode);
    }

    [Fact]
    public async Task An_inspector_and_a_signed_out_visitor_cannot_open_the_statistics()
    {
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var signedOut = factory.CreateBrowser();

        var asInspector = await inspector.GetAsync("/Statistics");
        var asNobody = await signedOut.GetAsync("/Statistics");

        Assert.Equal(HttpStatusCode.Redirect, asInspector.StatusCode);
        Assert.Contains("AccessDenied", asInspector.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, asNobody.StatusCode);
        Assert.Contains("Login", asNobody.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_page_switches_to_english_and_a_project_filter_counts_its_teams_only()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var (projectId, teams) = await factory.WithDbAsync(async db =>
        {
            var project = await db.Teams.Where(t => t.Id == teamId).Select(t => t.ProjectId).SingleAsync();
            return (project, await db.Teams.CountAsync(t => t.ProjectId == project));
        });

        var html = await client.GetStringAsync($"/Statistics?projectId={projectId}&culture=en");

        Assert.Contains("Records by type", html);
        Assert.Contains($"in {teams} team(s)", html);
    }
}
