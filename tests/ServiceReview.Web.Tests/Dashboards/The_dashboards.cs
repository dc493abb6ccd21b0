using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Dashboards;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class The_dashboards(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";

    private async Task<int> LatestClosedRoundAsync()
    {
        await factory.EnsureDemoDataAsync();
        return await factory.WithDbAsync(db => Task.FromResult(db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderByDescending(r => r.PeriodStart).Select(r => r.Id).First()));
    }

    private static string TableOf(string html, string id)
    {
        var start = html.IndexOf($"data-table=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No table {id}.");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task The_round_dashboard_shows_by_default_the_latest_finished_round_with_every_team_s_total_as_chart_and_table()
    {
        var roundId = await LatestClosedRoundAsync();
        var results = (await factory.WithServiceAsync<RoundResultsService, RoundResults?>(s => s.ComputeAsync(roundId)))!;
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync("/Dashboards");

        Assert.Contains($"<option value=\"{roundId}\" selected=\"selected\">", html, StringComparison.Ordinal);
        var ranking = TableOf(html, "ranking");
        foreach (var team in results.Teams)
        {
            Assert.Matches(new Regex($"<td>{Regex.Escape(team.Team)}</td>\\s*<td class=\"text-end\">{team.Total!.Value.ToString("0.0#", CultureInfo.GetCultureInfo("zh-CN"))}</td>"), ranking);
        }

        Assert.Contains("chart.umd.min.js", html, StringComparison.Ordinal);
        foreach (var id in new[] { "ranking", "grades", "categories", "weakest" })
        {
            Assert.Contains($"id=\"chart-{id}\"", html, StringComparison.Ordinal);
        }

        var grades = TableOf(html, "grades");
        var teamCount = Regex.Matches(grades, "<td class=\"text-end\">(\\d+)</td>").Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(results.Teams.Count, teamCount);
    }

    [Fact]
    public async Task The_numbers_export_holds_one_sheet_per_chart_with_the_round_results()
    {
        var roundId = await LatestClosedRoundAsync();
        var results = (await factory.WithServiceAsync<RoundResultsService, RoundResults?>(s => s.ComputeAsync(roundId)))!;
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var book = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/Dashboards/Export?roundId={roundId}"));

        Assert.Equal(["排名", "等级分布", "类别平均", "薄弱指标"], book.Worksheets.Select(w => w.Name));
        var ranking = book.Worksheet("排名");
        foreach (var team in results.Teams)
        {
            var row = ranking.CellsUsed(c => c.Address.ColumnNumber == 3 && c.GetString() == team.Team).Single().WorksheetRow();
            Assert.Equal(XLDataType.Number, row.Cell(4).DataType);
            Assert.Equal(team.Total!.Value, (decimal)row.Cell(4).GetDouble());
            Assert.Equal(team.Rank!.Value, row.Cell(1).GetValue<int>());
        }

        // Shares of weight and of maximum are percentages: number cells with "0.0%" holding the fraction (issue #13 item 6).
        foreach (var (sheet, heading) in new[] { ("类别平均", "占权重 %"), ("薄弱指标", "得分率 %") })
        {
            var ws = book.Worksheet(sheet);
            var header = ws.CellsUsed(c => c.GetString() == heading).Single();
            var shares = ws.Column(header.Address.ColumnNumber).CellsUsed(c => c.Address.RowNumber > header.Address.RowNumber).ToList();
            Assert.NotEmpty(shares);
            Assert.All(shares, c => Assert.Equal((XLDataType.Number, "0.0%"), (c.DataType, c.Style.NumberFormat.Format)));
            Assert.All(shares, c => Assert.InRange(c.GetDouble(), 0, 1));
        }

        Assert.Empty(F.FormulasIn(await F.DownloadXlsxAsync(manager, $"/Dashboards/Export?roundId={roundId}")));
    }

    [Fact]
    public async Task The_project_filter_keeps_only_that_project_s_teams()
    {
        var roundId = await LatestClosedRoundAsync();
        var (projectId, projectName) = await factory.WithDbAsync(db => Task.FromResult(db.Projects.OrderBy(p => p.Id).Select(p => new ValueTuple<int, string>(p.Id, p.Name)).First()));
        var results = (await factory.WithServiceAsync<RoundResultsService, RoundResults?>(s => s.ComputeAsync(roundId)))!;
        var manager = await factory.SignedInAsync("manager@demo.local");

        var ranking = TableOf(await manager.GetStringAsync($"/Dashboards?roundId={roundId}&projectId={projectId}"), "ranking");

        Assert.All(results.Teams.Where(t => t.Project == projectName), t => Assert.Contains($"<td>{t.Team}</td>", ranking, StringComparison.Ordinal));
        Assert.All(results.Teams.Where(t => t.Project != projectName), t => Assert.DoesNotContain($"<td>{t.Team}</td>", ranking, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_team_s_trend_has_its_total_per_round_and_marks_where_the_plan_version_changed()
    {
        var v2 = await factory.PublishPlanCopyAsync();
        var v1 = await factory.WithDbAsync(db => Task.FromResult(db.PlanVersions.OrderBy(v => v.Id).Select(v => v.Id).First()));
        var teams = new Dictionary<string, string[]> { [F.Lead1Team] = [I1] };
        var first = await factory.CreateRoundOnPlanAsync(v1, new DateOnly(2031, 1, 1), teams);
        var second = await factory.CreateRoundOnPlanAsync(v2, new DateOnly(2031, 2, 1), teams);
        await factory.SubmitAsync(first[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(second[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var manager = await factory.SignedInAsync("manager@demo.local");
        var query = $"teamId={teamId}&from=2031-01-01&to=2031-12-31";

        var html = await manager.GetStringAsync($"/Dashboards/Trends?{query}");
        using var book = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/Dashboards/TrendsExport?{query}"));

        Assert.Contains("&quot;markers&quot;:[1]", html, StringComparison.Ordinal);
        var totals = book.Worksheet("总分趋势");
        Assert.Equal([73.1, 100.0], totals.Column(4).CellsUsed().Skip(1).Select(c => c.GetDouble()));
        Assert.Equal(2, totals.Column(3).CellsUsed().Skip(1).Select(c => c.GetString()).Distinct().Count());
        // Category 1 scored 16.0 of its 20 points: the category trend is a share of the category's weight (issue #17).
        Assert.Equal(0.8, book.Worksheet("类别趋势").Cell(4, 3).GetDouble(), 6);
    }

    [Fact]
    public async Task Only_managers_and_administrators_see_the_dashboards()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Dashboards/Trends")).StatusCode);
        foreach (var email in new[] { "lead1@demo.local", I1 })
        {
            var client = await factory.SignedInAsync(email);
            foreach (var path in new[] { "/Dashboards", "/Dashboards/Trends", "/Dashboards/Export", "/Dashboards/TrendsExport" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }

        var signedOut = await factory.CreateBrowser().GetAsync("/Dashboards");
        Assert.Contains("/Identity/Account/Login", signedOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
