using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Web.Features.Dashboards;

public sealed record Option(int Id, string Name);

public sealed record RoundOption(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, RoundStatus Status);

/// <summary>
/// The figures of the round dashboard: a page of the round's team results (of the filtered teams), and what the charts
/// draw over every team of the filter, from the stored results (ADR 0027).
/// </summary>
public sealed record RoundDashboard(
    RoundResults Results,
    IReadOnlyList<TeamResult> Teams,
    IReadOnlyList<(string Grade, int Teams)> Grades,
    int TeamsWithoutResult,
    IReadOnlyList<(string Code, string Name, decimal Weight, decimal? Mean)> Categories,
    IReadOnlyList<IndicatorAverage> Weakest)
{
    /// <summary>The teams of this page that have a result, in the page's order (by rank unless sorted otherwise).</summary>
    public IReadOnlyList<TeamResult> Ranked { get; } = [.. Teams.Where(t => t.Total is not null)];

    /// <summary>The mean of the totals of every team with a result (all pages), unrounded: a page rounds it once as a score.</summary>
    public decimal? MeanTotal { get; init; }

    /// <summary>How many teams the filter covers (all pages).</summary>
    public int TeamCount { get; init; }

    /// <summary>The best-ranked team of the filter (all pages); null when none has a result.</summary>
    public string? Best { get; init; }

    /// <summary>The page of teams shown (<see cref="Teams"/> are its items), with the search and sort it was asked with.</summary>
    public Paged<TeamResult>? Page { get; init; }

    /// <summary>The round's plan's grade bounds, for the grades' names in the user's language.</summary>
    public IReadOnlyList<GradeBound> GradeBounds { get; init; } = [];
}

/// <summary>One round of a team's trend: its result in that round and the plan version the round used.</summary>
public sealed record TrendPoint(
    int RoundId, string RoundName, DateOnly PeriodStart, DateOnly PeriodEnd, int PlanVersionId, string PlanName, int PlanNumber,
    decimal? Total, string? Grade, IReadOnlyList<CategoryResult> Categories)
{
    /// <summary>True for the first round, and for each round whose plan version differs from the round before it.</summary>
    public bool PlanChanged { get; init; }

    /// <summary>The team's mean points per indicator over its counted inspections (as the dashboard's indicator figures).</summary>
    public IReadOnlyList<IndicatorAverage> Indicators { get; init; } = [];

    /// <summary>The round's plan's grade bounds, for the grade's name in the user's language.</summary>
    public IReadOnlyList<GradeBound> GradeBounds { get; init; } = [];
}

/// <summary>Open (not yet verified) corrective actions grouped by how long ago they were raised.</summary>
public sealed record ActionAgeBucket(string Key, int MinDays, int? MaxDays, int Open, int Overdue);

/// <summary>
/// Read-only queries behind the managers' dashboards. Every score comes from <see cref="RoundResultsService.Calculate"/>
/// over stored inspection scores, so the dashboards, the result pages and the workbooks always agree.
/// </summary>
public sealed class DashboardQueries(ServiceReviewDbContext db, RoundResultsService results, CorrectiveActionService actions, Core.Organisation.OrganisationClock localTime, PlanVersionCache planVersions)
{
    /// <summary>Rounds that have started (open or closed), newest first.</summary>
    public async Task<IReadOnlyList<RoundOption>> RoundsAsync(CancellationToken cancellationToken = default) =>
        (await db.Rounds.AsNoTracking().Where(r => r.Status != RoundStatus.Draft)
            .Select(r => new RoundOption(r.Id, r.Name, r.PeriodStart, r.PeriodEnd, r.Status))
            .ToListAsync(cancellationToken))
        .OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.Id).ToList();

    public async Task<IReadOnlyList<Option>> ProjectsAsync(CancellationToken cancellationToken = default) =>
        (await db.Projects.AsNoTracking().Select(p => new Option(p.Id, p.Name)).ToListAsync(cancellationToken))
        .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<Option>> TeamsAsync(int? projectId, CancellationToken cancellationToken = default) =>
        (await db.Teams.AsNoTracking().Where(t => projectId == null || t.ProjectId == projectId)
            .Select(t => new Option(t.Id, t.Name)).ToListAsync(cancellationToken))
        .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The round dashboard, teams filtered by project (ranks stay the round's); null for an unknown round. The figures
    /// cover every team of the filter; <paramref name="teams"/> picks the page of teams listed (all when its page is null).
    /// </summary>
    public async Task<RoundDashboard?> RoundAsync(int roundId, int? projectId, int weakest, TeamsQuery? teams = null, CancellationToken cancellationToken = default)
    {
        var page = await results.RoundPageAsync(roundId, (teams ?? new TeamsQuery()) with { ProjectId = projectId }, cancellationToken);
        if (page is null)
        {
            return null;
        }

        var f = page.Figures;
        var categories = page.Categories;
        return new RoundDashboard(
            new RoundResults(page.Round, page.Teams.Items, page.Indicators),
            page.Teams.Items,
            [.. page.Grades.Select(g => (g, f.Grades.GetValueOrDefault(g)))],
            f.Teams - f.WithResult,
            [.. categories.Select(c => (c.Code, c.Name, c.Weight, f.CategoryMeans.GetValueOrDefault(c.Code)))],
            [.. f.WeakestFirst(page.Indicators).Where(a => a.MeanPoints is not null).Take(weakest)])
        {
            MeanTotal = f.MeanTotal,
            TeamCount = f.Teams,
            Best = page.Best,
            Page = page.Teams,
            GradeBounds = page.Plan.GradeBounds,
        };
    }

    /// <summary>
    /// A team's result in every started round whose period starts within [from, to], oldest first. Each round is
    /// computed by <see cref="RoundResultsService.Calculate"/> over that team's inspections only.
    /// </summary>
    public async Task<IReadOnlyList<TrendPoint>> TeamTrendAsync(int teamId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var team = await (
            from t in db.Teams
            join p in db.Projects on t.ProjectId equals p.Id
            where t.Id == teamId
            select new TeamInfo(t.Id, t.Name, p.Name, t.LeadId)).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return [];
        }

        var rounds = await db.Rounds.AsNoTracking()
            .Where(r => r.Status != RoundStatus.Draft && r.Teams.Any(t => t.TeamId == teamId))
            .Where(r => from == null || r.PeriodStart >= from)
            .Where(r => to == null || r.PeriodStart <= to)
            .ToListAsync(cancellationToken);
        rounds = rounds.OrderBy(r => r.PeriodStart).ThenBy(r => r.Id).ToList();
        var roundIds = rounds.Select(r => r.Id).ToList();
        var inspections = await db.Inspections.AsNoTracking()
            .Include(i => i.Entries).Include(i => i.CategoryScores)
            .Where(i => i.TeamId == teamId && roundIds.Contains(i.RoundId) && i.Status == InspectionStatus.Confirmed)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var plans = new Dictionary<int, PlanVersion>();
        var points = new List<TrendPoint>();
        int? previousPlan = null;
        foreach (var round in rounds)
        {
            if (!plans.TryGetValue(round.PlanVersionId, out var plan))
            {
                plan = await planVersions.GetAsync(db, round.PlanVersionId, cancellationToken);
                plans[round.PlanVersionId] = plan;
            }

            var own = inspections.Where(i => i.RoundId == round.Id).ToList();
            var computed = RoundResultsService.Calculate(RoundResultsService.Summary(round), plan, [team], own, new Dictionary<int, (string, string)>());
            var result = computed.Teams[0];
            points.Add(new TrendPoint(round.Id, round.Name, round.PeriodStart, round.PeriodEnd, plan.Id, plan.Name, plan.Number, result.Total, result.Grade, result.Categories)
            {
                PlanChanged = previousPlan != round.PlanVersionId,
                Indicators = IndicatorStatistics.WeakestFirst(computed),
                GradeBounds = plan.GradeBounds,
            });
            previousPlan = round.PlanVersionId;
        }

        return points;
    }

    /// <summary>
    /// One indicator across the organisation (or a project's teams) in each of the given rounds: the mean points over
    /// every team's counted inspections, as the round dashboard's indicator figures (<see cref="IndicatorStatistics"/>
    /// over <see cref="RoundResultsService.ComputeAsync"/>), so the trend and the dashboard agree.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorAverage?>> OrganisationIndicatorAsync(IReadOnlyList<int> roundIds, string code, int? projectId, CancellationToken cancellationToken = default)
    {
        var projectName = projectId is { } p ? await db.Projects.Where(x => x.Id == p).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var figures = new List<IndicatorAverage?>();
        foreach (var roundId in roundIds)
        {
            var round = await results.ComputeAsync(roundId, cancellationToken);
            var teams = round?.Teams.Where(t => projectName is null || t.Project == projectName).Select(t => t.TeamId).ToList();
            figures.Add(round is null ? null : IndicatorStatistics.WeakestFirst(round, teams).FirstOrDefault(a => a.Code == code));
        }

        return figures;
    }

    /// <summary>Open corrective actions (not verified) by age since raised, for the filtered teams.</summary>
    public async Task<IReadOnlyList<ActionAgeBucket>> OpenActionsByAgeAsync(int? projectId, int? teamId, CancellationToken cancellationToken = default)
    {
        var today = await actions.TodayAsync(cancellationToken);
        var orgToday = localTime.Today;
        var rows = await (
            from a in db.CorrectiveActions
            join t in db.Teams on a.TeamId equals t.Id
            where a.Status != CorrectiveActionStatus.Verified
                && (projectId == null || t.ProjectId == projectId)
                && (teamId == null || t.Id == teamId)
            select new { a.TeamId, a.RaisedAt, a.DueDate, a.Status })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var ages = rows.Select(r => (Days: orgToday.DayNumber - localTime.DayOf(r.RaisedAt).DayNumber, Overdue: today.IsOverdue(r.TeamId, r.DueDate, r.Status))).ToList();
        (string Key, int Min, int? Max)[] buckets = [("0-7", 0, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("90+", 91, null)];
        return buckets.Select(b =>
        {
            var inside = ages.Where(a => a.Days >= b.Min && (b.Max is null || a.Days <= b.Max)).ToList();
            return new ActionAgeBucket(b.Key, b.Min, b.Max, inside.Count, inside.Count(a => a.Overdue));
        }).ToList();
    }
}
