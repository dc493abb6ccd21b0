using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Results;

/// <summary>How a page of a round's teams is asked for: a search (team or project), a sort, one project, a page (null: all).</summary>
public sealed record TeamsQuery(string? Search = null, string? Sort = null, int? ProjectId = null, PageRequest? Page = null)
{
    /// <summary>The sorts a team table offers; "-" first means descending. The default is the rank.</summary>
    public static IReadOnlyList<string> Sorts { get; } = ["rank", "-rank", "team", "-team", "project", "-project"];

    public string SortOrDefault => Sort is { } s && Sorts.Contains(s) ? s : "rank";
}

/// <summary>
/// A page of a round's team results read from the stored results (ADR 0027), with the round-wide figures over every
/// team (<see cref="Figures"/>, or over one project's teams when the query names one) and the plan the round uses.
/// </summary>
public sealed record RoundPage(RoundSummary Round, PlanVersion Plan, RoundFigures Figures, int Version, Paged<TeamResult> Teams)
{
    /// <summary>The team with the best total among those the query covers (search aside); null when none has a result.</summary>
    public string? Best { get; init; }

    public IReadOnlyList<CategoryResult> Categories => [.. Plan.CategoriesInOrder().Select(c => new CategoryResult(c.Code, c.Name, c.Weight, null))];

    public IReadOnlyList<(string Code, string Name, decimal Max)> Indicators => [.. Plan.IndicatorsInOrder().Select(i => (i.Code, i.Name, i.Max))];

    /// <summary>The plan's grades, best first, then the fail grade.</summary>
    public IReadOnlyList<string> Grades => [.. Plan.GradeBounds.OrderByDescending(g => g.Min).Select(g => g.Grade).Append(PlanVersion.FailGrade).Distinct()];
}

/// <summary>One team's result computed from its inspections, its rank from the stored results, and how many teams the round has.</summary>
public sealed record TeamPage(RoundResults Results, TeamResult Team, int TeamCount)
{
    /// <summary>The round's plan's grade bounds, for the grades' names in the user's language.</summary>
    public IReadOnlyList<GradeBound> GradeBounds { get; init; } = [];
}

/// <summary>A filter over team results across rounds (issue #17 item 9); kept in the query string of <c>/Results/Search</c>.</summary>
public sealed record ResultsFilter(string? Search = null, int? ProjectId = null, string? Grade = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The grade filter's value for teams without a result yet.</summary>
    public const string NoResult = "none";

    public bool Any => Search is not null || ProjectId is not null || Grade is not null || From is not null || To is not null;
}

/// <summary>One team's result in one round, as the results search lists it.</summary>
public sealed record ResultRow(
    int RoundId, string Round, DateOnly PeriodStart, DateOnly PeriodEnd, int TeamId, string Team, string Project,
    decimal? Total, string? Grade, int? Rank, int ConfirmedCount, int AssignedCount)
{
    /// <summary>The plan version the round used (the grade's names come from it).</summary>
    public int PlanVersionId { get; init; }
}

public sealed partial class RoundResultsService
{
    /// <summary>A stored row with the names read live (a member-init projection, so EF can filter and sort on it).</summary>
    private sealed class StoredRow
    {
        public required StoredTeamResult Row { get; init; }

        public required string Team { get; init; }

        public required string Project { get; init; }

        public int ProjectId { get; init; }

        public int? LeadId { get; init; }
    }

    /// <summary>
    /// The round's stored results, stored first from a full computation when the round has none yet (the lazy backfill of
    /// ADR 0027: rounds finished before the stored results existed, or never read since). Null for an unknown round.
    /// </summary>
    public async Task<StoredRoundResult?> EnsureStoredAsync(int roundId, CancellationToken cancellationToken = default)
    {
        var stored = await db.StoredRoundResults.AsNoTracking().FirstOrDefaultAsync(s => s.RoundId == roundId, cancellationToken);
        if (stored is not null)
        {
            return stored;
        }

        var computed = await ComputeAsync(roundId, cancellationToken);
        if (computed is null)
        {
            return null;
        }

        var rows = computed.Teams.Select(t =>
        {
            var row = new StoredTeamResult { RoundId = roundId, TeamId = t.TeamId };
            StoredFigures.Apply(row, t);
            return row;
        }).ToList();
        // Team rows left without their round row (removed by hand to rebuild the round) would collide with the new ones.
        await db.StoredTeamResults.Where(r => r.RoundId == roundId).ExecuteDeleteAsync(cancellationToken);
        var summary = new StoredRoundResult { RoundId = roundId };
        StoredFigures.Summarise(summary, rows, computed.Teams.ToDictionary(t => t.TeamId, t => (t.Project, t.Team)), clock.GetUtcNow().UtcDateTime);
        // The unique round index refuses the rows when another request stored the round first: then read theirs.
        return await db.StoreOnceAsync([.. rows, summary], cancellationToken: cancellationToken)
            ? summary
            : await db.StoredRoundResults.AsNoTracking().FirstOrDefaultAsync(s => s.RoundId == roundId, cancellationToken);
    }

    /// <summary>
    /// One page of the round's team results from the stored results: a fixed number of queries whatever the number of
    /// teams (issue #15). Null for an unknown round.
    /// </summary>
    public async Task<RoundPage?> RoundPageAsync(int roundId, TeamsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        var summary = round is null ? null : await EnsureStoredAsync(roundId, cancellationToken);
        if (round is null || summary is null)
        {
            return null;
        }

        var plan = await plans.GetAsync(db, round.PlanVersionId, cancellationToken);
        var figures = query.ProjectId is { } projectId
            ? await ProjectFiguresAsync(roundId, projectId, cancellationToken)
            : StoredFigures.Read<RoundFigures>(summary.Figures);
        var scope = Rows(roundId, query.ProjectId);
        var best = await scope.Where(r => r.Row.Rank != null)
            .OrderBy(r => r.Row.Rank).ThenBy(r => r.Project).ThenBy(r => r.Team).ThenBy(r => r.Row.TeamId)
            .Select(r => r.Team).FirstOrDefaultAsync(cancellationToken);
        var q = PagingExtensions.NormaliseSearch(query.Search);
        var searched = q is null ? scope : scope.Where(r => r.Team.Contains(q) || r.Project.Contains(q));
        var ordered = Order(searched, query.SortOrDefault);
        Paged<StoredRow> page;
        if (query.Page is { } request)
        {
            page = await ordered.ToPagedAsync(request, cancellationToken);
        }
        else
        {
            var all = await ordered.ToListAsync(cancellationToken);
            page = new Paged<StoredRow>(all, 1, Math.Max(1, all.Count), all.Count);
        }

        var categories = plan.CategoriesInOrder().ToList();
        return new RoundPage(Summary(round), plan, figures, summary.Version, page.Map(r => FromStored(r, categories))) { Best = best };
    }

    /// <summary>The round-wide figures over one project's teams, from their stored rows (in the results page's order).</summary>
    private async Task<RoundFigures> ProjectFiguresAsync(int roundId, int projectId, CancellationToken cancellationToken)
    {
        var rows = await Rows(roundId, projectId).Select(r => new { r.Row.Rank, r.Row.Total, r.Row.Grade, r.Row.Figures, r.Project, r.Team }).ToListAsync(cancellationToken);
        return RoundFigures.Of([.. rows
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Project, StringComparer.Ordinal).ThenBy(r => r.Team, StringComparer.Ordinal)
            .Select(r => (r.Total, r.Grade, StoredFigures.Read<TeamFigures>(r.Figures)))]);
    }

    /// <summary>
    /// One team's result in a round: computed from that team's inspections only (the same calculation as the round),
    /// ranked by the stored results. Null for an unknown round or a team not in it.
    /// </summary>
    public async Task<TeamPage?> TeamPageAsync(int roundId, int teamId, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        var summary = round is null ? null : await EnsureStoredAsync(roundId, cancellationToken);
        if (round is null || summary is null)
        {
            return null;
        }

        var stored = await Rows(roundId, null).Where(r => r.Row.TeamId == teamId).FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var plan = await plans.GetAsync(db, round.PlanVersionId, cancellationToken);
        var inspections = await db.Inspections.AsNoTracking()
            .Include(i => i.Entries).Include(i => i.CategoryScores)
            .Where(i => i.RoundId == roundId && i.TeamId == teamId)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var inspectorIds = inspections.Select(i => i.InspectorId).Distinct().ToList();
        var inspectors = await db.People.AsNoTracking().Where(p => inspectorIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.Email), cancellationToken);
        var results = Calculate(Summary(round), plan, [new TeamInfo(teamId, stored.Team, stored.Project, stored.LeadId)], inspections, inspectors);
        var team = results.Teams[0] with { Rank = stored.Row.Rank };
        return new TeamPage(results with { Teams = [team] }, team, summary.Teams) { GradeBounds = plan.GradeBounds };
    }

    /// <summary>The rulings on these inspections, by inspection (the team page's part of <see cref="RulingsAsync"/>).</summary>
    public Task<IReadOnlyDictionary<int, IReadOnlyList<Reviews.Disputes.RulingFact>>> RulingsForAsync(IReadOnlyCollection<int> inspectionIds, CancellationToken cancellationToken = default) =>
        Reviews.Disputes.RulingFacts.ForInspectionsAsync(db, inspectionIds, cancellationToken);

    /// <summary>
    /// Team results across started rounds from the stored results, newest period first, then by rank: by team or project
    /// name, project, grade (or <see cref="ResultsFilter.NoResult"/>) and period (rounds wholly inside from–to).
    /// </summary>
    public async Task<Paged<ResultRow>> SearchAsync(ResultsFilter filter, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await EnsureAllStoredAsync(cancellationToken);
        var q = PagingExtensions.NormaliseSearch(filter.Search);
        var (projectId, grade, start, end) = (filter.ProjectId, filter.Grade, filter.From, filter.To);
        var noResult = grade == ResultsFilter.NoResult;
        var rows =
            from s in db.StoredTeamResults.AsNoTracking()
            join r in db.Rounds on s.RoundId equals r.Id
            join t in db.Teams on s.TeamId equals t.Id
            join p in db.Projects on t.ProjectId equals p.Id
            where r.Status != Core.Rounds.RoundStatus.Draft
                && (q == null || t.Name.Contains(q) || p.Name.Contains(q))
                && (projectId == null || p.Id == projectId)
                && (grade == null || (noResult ? s.Grade == null : s.Grade == grade))
                && (start == null || r.PeriodStart >= start)
                && (end == null || r.PeriodEnd <= end)
            orderby r.PeriodStart descending, r.Id descending, s.Rank == null, s.Rank, p.Name, t.Name, t.Id
            select new ResultRow(r.Id, r.Name, r.PeriodStart, r.PeriodEnd, t.Id, t.Name, p.Name, s.Total, s.Grade, s.Rank, s.ConfirmedCount, s.AssignedCount) { PlanVersionId = r.PlanVersionId };
        return await rows.ToPagedAsync(request, cancellationToken);
    }

    /// <summary>Every project, by name, for the search's project choice.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ProjectsAsync(CancellationToken cancellationToken = default) =>
        (await db.Projects.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
        .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Id, p.Name)).ToList();

    /// <summary>The grades any stored team result has, for the search's grade choice, with the plan versions they were given under.</summary>
    public async Task<IReadOnlyList<(string Grade, int PlanVersionId)>> GradesInUseAsync(CancellationToken cancellationToken = default) =>
        (await (
            from s in db.StoredTeamResults.AsNoTracking()
            join r in db.Rounds on s.RoundId equals r.Id
            where s.Grade != null
            select new { Grade = s.Grade!, r.PlanVersionId }).Distinct().ToListAsync(cancellationToken))
        .OrderBy(g => g.Grade, StringComparer.Ordinal).Select(g => (g.Grade, g.PlanVersionId)).ToList();

    /// <summary>Stores every started round not stored yet (one query when all are: the usual case).</summary>
    public async Task EnsureAllStoredAsync(CancellationToken cancellationToken = default)
    {
        var missing = await db.Rounds.AsNoTracking()
            .Where(r => r.Status != Core.Rounds.RoundStatus.Draft && !db.StoredRoundResults.Any(s => s.RoundId == r.Id))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var roundId in missing)
        {
            await EnsureStoredAsync(roundId, cancellationToken);
        }
    }

    private IQueryable<StoredRow> Rows(int roundId, int? projectId) =>
        from s in db.StoredTeamResults.AsNoTracking()
        join t in db.Teams on s.TeamId equals t.Id
        join p in db.Projects on t.ProjectId equals p.Id
        where s.RoundId == roundId && (projectId == null || p.Id == projectId)
        select new StoredRow { Row = s, Team = t.Name, Project = p.Name, ProjectId = p.Id, LeadId = t.LeadId };

    private static IQueryable<StoredRow> Order(IQueryable<StoredRow> rows, string sort) => sort switch
    {
        "-rank" => rows.OrderBy(r => r.Row.Rank == null).ThenByDescending(r => r.Row.Rank).ThenBy(r => r.Project).ThenBy(r => r.Team).ThenBy(r => r.Row.TeamId),
        "team" => rows.OrderBy(r => r.Team).ThenBy(r => r.Project).ThenBy(r => r.Row.TeamId),
        "-team" => rows.OrderByDescending(r => r.Team).ThenBy(r => r.Project).ThenBy(r => r.Row.TeamId),
        "project" => rows.OrderBy(r => r.Project).ThenBy(r => r.Team).ThenBy(r => r.Row.TeamId),
        "-project" => rows.OrderByDescending(r => r.Project).ThenBy(r => r.Team).ThenBy(r => r.Row.TeamId),
        _ => rows.OrderBy(r => r.Row.Rank == null).ThenBy(r => r.Row.Rank).ThenBy(r => r.Project).ThenBy(r => r.Team).ThenBy(r => r.Row.TeamId),
    };

    /// <summary>A team's result as the round's pages show it, rebuilt from its stored row (no inspections: the team page has those).</summary>
    private static TeamResult FromStored(StoredRow r, IReadOnlyList<PlanCategory> categories)
    {
        var f = StoredFigures.Read<TeamFigures>(r.Row.Figures);
        return new TeamResult(
            r.Row.TeamId, r.Team, r.Project, r.LeadId, r.Row.Total, r.Row.Grade, r.Row.Rank, r.Row.Trimmed,
            r.Row.ConfirmedCount, r.Row.AssignedCount,
            [.. categories.Select(c => new CategoryResult(c.Code, c.Name, c.Weight, ScoreRounding.Round(f.Categories.GetValueOrDefault(c.Code))))],
            [])
        {
            Counted = f.Counted,
            Dropped = f.Dropped,
            MiddleAloneDecides = r.Row.MiddleAloneDecides,
            CategoryMeans = f.Categories,
            IndicatorMeans = f.IndicatorMeans,
        };
    }
}
