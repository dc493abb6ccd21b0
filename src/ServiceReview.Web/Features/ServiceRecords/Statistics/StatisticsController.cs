using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.ServiceRecords.Statistics;

/// <summary>
/// 统计分析: service-record statistics per team and across teams. Managers and administrators see every team; a team
/// lead the teams whose records they may read (<see cref="TeamRecordAccess"/>): the team they lead.
/// </summary>
[Authorize(Policy = Policies.TeamLeadOrAbove)]
public sealed class StatisticsController(
    TeamRecordAccess access,
    ServiceStatisticsService statistics,
    ICurrentActor currentActor,
    OrganisationClock clock) : Controller
{
    private const int MaxYears = 3;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (filter.TeamId is { } teamId)
        {
            var team = await access.ReadAsync(teamId, actor, cancellationToken);
            if (!team.IsOk)
            {
                return team.Status == OutcomeStatus.NotFound ? NotFound() : Forbid();
            }
        }

        var teams = await access.TeamsForAsync(actor, cancellationToken);
        var projects = teams.GroupBy(t => t.ProjectId).Select(g => new ProjectOption(g.Key, g.First().Project)).ToList();
        if (filter.ProjectId is { } projectId && projects.All(p => p.Id != projectId))
        {
            return NotFound();
        }

        var counted = teams.Where(t => (filter.ProjectId is null || t.ProjectId == filter.ProjectId) && (filter.TeamId is null || t.Id == filter.TeamId)).ToList();
        var now = clock.UtcNow;
        var (from, to) = Period(filter, clock.Today);
        var report = counted.Count == 0
            ? null
            : await statistics.ComputeAsync(new StatisticsQuery(counted.Select(t => t.Id).ToList(), from, to, filter.Bucket, now), cancellationToken);
        return View(new StatisticsViewModel(filter, from, to, projects, teams, counted, report));
    }

    /// <summary>The period asked for, or the last three full months (before the organisation's today); at most three years.</summary>
    private static (DateOnly From, DateOnly To) Period(StatisticsFilter filter, DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var to = filter.To ?? thisMonth.AddDays(-1);
        var from = filter.From ?? (filter.To is null ? thisMonth.AddMonths(-3) : new DateOnly(to.Year, to.Month, 1).AddMonths(-2));
        if (from > to)
        {
            (from, to) = (to, from);
        }

        return from < to.AddYears(-MaxYears) ? (to.AddYears(-MaxYears).AddDays(1), to) : (from, to);
    }
}
