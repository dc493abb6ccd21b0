using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Dashboards;

/// <summary>
/// Managers' dashboards (看板): a round at a glance (ranking, grades, category means, weakest indicators) and a team's
/// trends across rounds (totals, categories, plan version changes) with open corrective actions by age. Every chart has
/// its numbers as a table on the page and as an .xlsx export.
/// </summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class DashboardsController(DashboardQueries queries, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? roundId, int? projectId, string? q, string? sort, int? page, int? size, CancellationToken cancellationToken)
    {
        var teams = new TeamsQuery(PagingExtensions.NormaliseSearch(q), sort, null, PageRequest.Of(page, size, RoundDashboardViewModel.DefaultSize));
        var model = await RoundModelAsync(roundId, projectId, teams, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    public async Task<IActionResult> Export(int? roundId, int? projectId, CancellationToken cancellationToken)
    {
        // The numbers export keeps every team of the filter (no page).
        var model = await RoundModelAsync(roundId, projectId, new TeamsQuery(), cancellationToken);
        if (model?.Dashboard is null)
        {
            return NotFound();
        }

        return Workbook(model.Charts, l["Dashboards.FileName.Round", model.Dashboard.Results.Round.Name]);
    }

    [HttpGet]
    public async Task<IActionResult> Trends(int? projectId, int? teamId, DateOnly? from, DateOnly? to, string? indicator, CancellationToken cancellationToken) =>
        View(await TrendsModelAsync(projectId, teamId, from, to, indicator, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> TrendsExport(int? projectId, int? teamId, DateOnly? from, DateOnly? to, string? indicator, CancellationToken cancellationToken)
    {
        var model = await TrendsModelAsync(projectId, teamId, from, to, indicator, cancellationToken);
        var team = model.Teams.FirstOrDefault(t => t.Id == model.TeamId);
        return team is null ? NotFound() : Workbook(model.Charts, l["Dashboards.FileName.Trends", team.Name]);
    }

    private FileStreamResult Workbook(IReadOnlyList<DashboardChart> charts, string fileName)
    {
        var stream = new MemoryStream();
        TablesWorkbook.Write(charts.Select(c => c.Table), stream);
        stream.Position = 0;
        return File(stream, ExportLabelsFactory.XlsxContentType, fileName);
    }

    private async Task<RoundDashboardViewModel?> RoundModelAsync(int? roundId, int? projectId, TeamsQuery teams, CancellationToken cancellationToken)
    {
        var rounds = await queries.RoundsAsync(cancellationToken);
        var projects = await queries.ProjectsAsync(cancellationToken);
        // By default the latest closed round: its results are final.
        var chosen = roundId ?? rounds.FirstOrDefault(r => r.Status == RoundStatus.Closed)?.Id ?? (rounds.Count > 0 ? rounds[0].Id : null);
        if (chosen is null)
        {
            return new RoundDashboardViewModel { Rounds = rounds, Projects = projects, ProjectId = projectId, Query = teams };
        }

        var dashboard = await queries.RoundAsync(chosen.Value, projectId, DashboardCharts.Weakest, teams, cancellationToken);
        if (dashboard is null)
        {
            return null;
        }

        return new RoundDashboardViewModel
        {
            Rounds = rounds,
            Projects = projects,
            RoundId = chosen,
            ProjectId = projectId,
            Query = teams,
            Dashboard = dashboard,
            Charts = DashboardCharts.ForRound(dashboard, l),
        };
    }

    private async Task<TrendsViewModel> TrendsModelAsync(int? projectId, int? teamId, DateOnly? from, DateOnly? to, string? indicator, CancellationToken cancellationToken)
    {
        var projects = await queries.ProjectsAsync(cancellationToken);
        var teams = await queries.TeamsAsync(projectId, cancellationToken);
        var team = teams.FirstOrDefault(t => t.Id == teamId) ?? (teams.Count > 0 ? teams[0] : null);
        var points = team is null ? [] : await queries.TeamTrendAsync(team.Id, from, to, cancellationToken);
        var ages = await queries.OpenActionsByAgeAsync(projectId, team?.Id, cancellationToken);
        var indicators = points.SelectMany(p => p.Indicators).Select(a => (a.Code, a.Name)).DistinctBy(a => a.Code)
            .OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var chosen = indicators.FirstOrDefault(a => a.Code == indicator);
        var charts = team is null ? [] : DashboardCharts.ForTrend(team.Name, points, ages, l).ToList();
        if (team is not null && chosen.Code is not null)
        {
            // The organisation's line needs each round's results: computed only when an indicator is chosen.
            var organisation = await queries.OrganisationIndicatorAsync(points.Select(p => p.RoundId).ToList(), chosen.Code, projectId, cancellationToken);
            charts.Insert(2, DashboardCharts.ForIndicator(team.Name, points, chosen.Code, chosen.Name, organisation, l));
        }

        return new TrendsViewModel
        {
            Projects = projects,
            Teams = teams,
            ProjectId = projectId,
            TeamId = team?.Id,
            From = from,
            To = to,
            Points = points,
            Charts = charts,
            Indicators = indicators,
            Indicator = chosen.Code,
        };
    }
}
