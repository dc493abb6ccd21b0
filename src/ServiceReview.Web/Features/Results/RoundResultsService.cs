using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Results;

public sealed record RoundSummary(
    int Id, string Name, int PlanVersionId, RoundStatus Status, AggregationMethod Aggregation,
    DateOnly PeriodStart, DateOnly PeriodEnd, DateTime WindowClosesAt);

public sealed record CategoryResult(string Code, string Name, decimal Weight, decimal? Score);

public sealed record ItemResult(string Code, IndicatorInput Input, decimal? Points);

/// <summary>One scored (submitted or later) inspection of a team in a round.</summary>
public sealed record InspectionResult(
    int Id, int InspectorId, string Inspector, string InspectorEmail, InspectionStatus Status,
    decimal? Total, decimal? TotalBeforeVeto, string? Grade, string? VetoedBy,
    IReadOnlyList<(string Code, decimal? Score)> Categories, IReadOnlyList<ItemResult> Items);

/// <summary>
/// A team's result in a round (评估表): the aggregate of its confirmed inspections, category means, grade and rank.
/// <see cref="Total"/>, <see cref="Grade"/> and <see cref="Rank"/> are null while no inspection is confirmed.
/// </summary>
public sealed record TeamResult(
    int TeamId, string Team, string Project, int? LeadId, decimal? Total, string? Grade, int? Rank, bool Trimmed,
    int ConfirmedCount, int AssignedCount, IReadOnlyList<CategoryResult> Categories, IReadOnlyList<InspectionResult> Inspections)
{
    /// <summary>The confirmed inspections every figure of the team comes from (all, or what the trimmed mean kept).</summary>
    public IReadOnlyList<int> Counted { get; init; } = [];

    /// <summary>The confirmed inspections the trimmed mean left out: the highest total first, then the lowest.</summary>
    public IReadOnlyList<int> Dropped { get; init; } = [];

    /// <summary>
    /// Each category's mean score over <see cref="Counted"/> at full precision (<see cref="CategoryResult.Score"/> is
    /// the same mean rounded once), for statistics across teams that round once at the edge.
    /// </summary>
    public IReadOnlyDictionary<string, decimal?> CategoryMeans { get; init; } = new Dictionary<string, decimal?>();

    /// <summary>Each indicator's mean points over <see cref="Counted"/> (full precision; null where all were N/A).</summary>
    public IReadOnlyDictionary<string, decimal?> IndicatorMeans { get; init; } = new Dictionary<string, decimal?>();

    /// <summary>Trimmed from exactly three confirmed inspections: the middle one alone decides (<see cref="TeamAggregate.MiddleAloneDecides"/>).</summary>
    public bool MiddleAloneDecides { get; init; }
}

public sealed record RoundResults(RoundSummary Round, IReadOnlyList<TeamResult> Teams, IReadOnlyList<(string Code, string Name, decimal Max)> Indicators)
{
    public TeamResult? Team(int teamId) => Teams.FirstOrDefault(t => t.TeamId == teamId);
}

/// <summary>
/// Computes round results from stored inspection scores (the engine scored them at submission; nothing is rescored
/// here). Used by the result pages, <c>GET /api/rounds/{id}/results</c>, and later by exports and dashboards.
/// </summary>
public sealed partial class RoundResultsService(ServiceReviewDbContext db, TimeProvider clock, PlanVersionCache plans)
{
    private static readonly InspectionStatus[] Scored = [InspectionStatus.Submitted, InspectionStatus.Disputed, InspectionStatus.Confirmed];

    /// <summary>The results of every team of the round, ordered by rank (teams without a result last); null for an unknown round.</summary>
    public async Task<RoundResults?> ComputeAsync(int roundId, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Teams).FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return null;
        }

        var plan = await plans.GetAsync(db, round.PlanVersionId, cancellationToken);
        var teamIds = round.Teams.Select(t => t.TeamId).ToList();
        var teams = await (
            from t in db.Teams
            join p in db.Projects on t.ProjectId equals p.Id
            where teamIds.Contains(t.Id)
            select new TeamInfo(t.Id, t.Name, p.Name, t.LeadId))
            .AsNoTracking().ToListAsync(cancellationToken);
        var inspections = await db.Inspections.AsNoTracking()
            .Include(i => i.Entries).Include(i => i.CategoryScores)
            .Where(i => i.RoundId == roundId)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var inspectorIds = inspections.Select(i => i.InspectorId).Distinct().ToList();
        var inspectors = await db.People.AsNoTracking().Where(p => inspectorIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.Email), cancellationToken);

        return Calculate(Summary(round), plan, teams, inspections, inspectors);
    }

    /// <summary>
    /// The rulings on the round's inspections (ADR 0023), by inspection: what each disputed indicator was, what the
    /// manager ruled, why, who and when. Part of the record wherever a team's result is shown.
    /// </summary>
    public Task<IReadOnlyDictionary<int, IReadOnlyList<RulingFact>>> RulingsAsync(int roundId, CancellationToken cancellationToken = default) =>
        RulingFacts.ForRoundAsync(db, roundId, cancellationToken);

    public static RoundSummary Summary(Round round) =>
        new(round.Id, round.Name, round.PlanVersionId, round.Status, round.Aggregation, round.PeriodStart, round.PeriodEnd, round.WindowClosesAt);

    /// <summary>The pure part: from a round's inspections to team results and ranks (scoring.md, "A team's result in a round").</summary>
    public static RoundResults Calculate(
        RoundSummary round, PlanVersion plan, IReadOnlyList<TeamInfo> teams, IReadOnlyList<Inspection> inspections,
        IReadOnlyDictionary<int, (string Name, string Email)> inspectors)
    {
        var categories = plan.CategoriesInOrder().ToList();
        var indicatorsInOrder = plan.IndicatorsInOrder().ToList();
        var results = new List<TeamResult>();
        // One pass over the inspections (not one per team: issue #15).
        var byTeam = inspections.ToLookup(i => i.TeamId);
        foreach (var team in teams)
        {
            // By id, so that the counted inspections come in one order whatever order the database returned them in.
            var own = byTeam[team.Id].OrderBy(i => i.Id).ToList();
            var confirmed = own.Where(i => i.Status == InspectionStatus.Confirmed && i.Total is not null).ToList();

            // One rule for every figure of the team (scoring.md, "A team's result in a round"): the counted inspections,
            // then total, categories and indicator points as means over those same inspections.
            var aggregate = RoundAggregator.AggregateTeam(confirmed.Select(Countable).ToList(), round.Aggregation);
            var categoryResults = categories
                .Select(c => new CategoryResult(c.Code, c.Name, c.Weight, ScoreRounding.Round(aggregate.Categories.GetValueOrDefault(c.Code))))
                .ToList();

            var scored = own
                .Where(i => Scored.Contains(i.Status))
                .OrderBy(i => i.SubmittedAt).ThenBy(i => i.Id)
                .Select(i =>
                {
                    var (name, email) = inspectors.TryGetValue(i.InspectorId, out var who) ? who : ("?", "");
                    return new InspectionResult(
                        i.Id, i.InspectorId, name, email, i.Status, i.Total, i.TotalBeforeVeto, i.Grade, i.VetoedBy,
                        categories.Select(c => (c.Code, i.CategoryScores.FirstOrDefault(s => s.CategoryCode == c.Code)?.Score)).ToList(),
                        indicatorsInOrder
                            .Select(ind => i.Entries.FirstOrDefault(e => e.IndicatorCode == ind.Code))
                            .OfType<InspectionEntry>()
                            .Where(e => !e.Input.IsEmpty)
                            .Select(e => new ItemResult(e.IndicatorCode, e.Input, e.Points))
                            .ToList());
                })
                .ToList();

            results.Add(new TeamResult(
                team.Id, team.Name, team.Project, team.LeadId, aggregate.Total,
                aggregate.Total is { } total ? plan.GradeFor(total) : null, null, aggregate.Trimmed,
                confirmed.Count, own.Count, categoryResults, scored)
            {
                Counted = aggregate.Counted,
                Dropped = aggregate.Dropped,
                MiddleAloneDecides = aggregate.MiddleAloneDecides,
                IndicatorMeans = aggregate.Points,
                CategoryMeans = aggregate.Categories,
            });
        }

        var ranks = RoundAggregator.Rank(results.Select(r => r.Total).ToList());
        var ranked = results.Select((r, index) => r with { Rank = ranks[index] })
            .OrderBy(r => r.Rank ?? int.MaxValue)
            .ThenBy(r => r.Project, StringComparer.Ordinal)
            .ThenBy(r => r.Team, StringComparer.Ordinal)
            .ToList();
        var indicators = indicatorsInOrder.Select(i => (i.Code, i.Name, i.Max)).ToList();
        return new RoundResults(round, ranked, indicators);
    }

    private static CountableInspection Countable(Inspection i) => CountableInspection.Of(
        i.Id, i.Total!.Value, i.TotalBeforeVeto, i.SubmittedAt,
        i.CategoryScores.ToDictionary(s => s.CategoryCode, s => s.Score, StringComparer.Ordinal),
        i.Entries.ToDictionary(e => e.IndicatorCode, e => e.Points, StringComparer.Ordinal));

    /// <summary>A round's results with the rulings on its inspections (<c>GET /api/rounds/{id}/results</c>); not found for an unknown round.</summary>
    public async Task<Outcome<RuledRoundResults>> WithRulingsAsync(int roundId, CancellationToken cancellationToken = default)
    {
        var computed = await ComputeAsync(roundId, cancellationToken);
        return computed is null ? Outcome.NotFound() : new RuledRoundResults(computed, await RulingsAsync(roundId, cancellationToken));
    }

    /// <summary>Of these inspections, the ones whose record page (<c>/inspections/{id}</c>) the actor may open.</summary>
    public Task<IReadOnlySet<int>> VisibleRecordsAsync(Actor actor, IReadOnlyCollection<int> inspectionIds, CancellationToken cancellationToken = default) =>
        RecordLink.VisibleAsync(db, actor, inspectionIds, cancellationToken);

    /// <summary>
    /// Who may see a team's result in a round: managers and administrators; the team's lead; an inspector of that team
    /// in that round once their own inspection is submitted (scores stay independent until then).
    /// </summary>
    public async Task<bool> CanViewTeamAsync(Actor actor, int roundId, int teamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsManager)
        {
            return true;
        }

        if (actor.PersonId is not { } person)
        {
            return false;
        }

        if (await db.Teams.AnyAsync(t => t.Id == teamId && t.LeadId == person, cancellationToken))
        {
            return true;
        }

        return await IsSubmittedInspectorAsync(person, roundId, teamId, cancellationToken);
    }

    /// <summary>The person inspected the team in the round and has submitted their inspection.</summary>
    public Task<bool> IsSubmittedInspectorAsync(int personId, int roundId, int teamId, CancellationToken cancellationToken = default) =>
        db.Inspections.AnyAsync(
            i => i.RoundId == roundId && i.TeamId == teamId && i.InspectorId == personId && Scored.Contains(i.Status),
            cancellationToken);

    /// <summary>
    /// The rounds whose results a manager may open, one page, newest period first; optionally one status, a name search
    /// and a range of periods (rounds wholly inside <paramref name="from"/>–<paramref name="to"/>).
    /// </summary>
    public async Task<Paged<RoundSummary>> RoundsPageAsync(
        string? search, RoundStatus? status, PageRequest request, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var q = PagingExtensions.NormaliseSearch(search);
        return await db.Rounds.AsNoTracking()
            .Where(r => (q == null || r.Name.Contains(q)) && (status == null || r.Status == status))
            .Where(r => (from == null || r.PeriodStart >= from) && (to == null || r.PeriodEnd <= to))
            .OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.Id)
            .Select(r => new RoundSummary(r.Id, r.Name, r.PlanVersionId, r.Status, r.Aggregation, r.PeriodStart, r.PeriodEnd, r.WindowClosesAt))
            .ToPagedAsync(request, cancellationToken);
    }

    /// <summary>
    /// The team results a lead or an inspector may open (as <see cref="LinksForAsync"/>), one page, newest round first;
    /// <paramref name="search"/> matches the round or the team.
    /// </summary>
    public async Task<Paged<ResultLink>> LinksPageAsync(Actor actor, string? search, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } personId)
        {
            return Paged.Empty<ResultLink>(request);
        }

        var q = PagingExtensions.NormaliseSearch(search);
        var pairs = (
                from i in db.Inspections
                join t in db.Teams on i.TeamId equals t.Id
                join r in db.Rounds on i.RoundId equals r.Id
                where (t.LeadId == personId || (i.InspectorId == personId && Scored.Contains(i.Status)))
                    && (q == null || r.Name.Contains(q) || t.Name.Contains(q))
                select new { RoundId = r.Id, RoundName = r.Name, r.PeriodStart, TeamId = t.Id, TeamName = t.Name })
            .Distinct()
            .OrderByDescending(x => x.PeriodStart).ThenByDescending(x => x.RoundId).ThenBy(x => x.TeamName).ThenBy(x => x.TeamId)
            .Select(x => new ResultLink(x.RoundId, x.RoundName, x.TeamId, x.TeamName));
        return await pairs.AsNoTracking().ToPagedAsync(request, cancellationToken);
    }

    /// <summary>Team results a person may open: (round, team) pairs for their teams as lead or their submitted inspections.</summary>
    public async Task<IReadOnlyList<ResultLink>> LinksForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (personId, isManager) = (actor.PersonId, actor.IsManager);
        var query =
            from i in db.Inspections
            join t in db.Teams on i.TeamId equals t.Id
            join r in db.Rounds on i.RoundId equals r.Id
            where isManager || t.LeadId == personId || (i.InspectorId == personId && Scored.Contains(i.Status))
            select new { RoundId = r.Id, RoundName = r.Name, r.PeriodStart, TeamId = t.Id, TeamName = t.Name };
        var rows = await query.Distinct().AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.RoundId).ThenBy(r => r.TeamName, StringComparer.Ordinal)
            .Select(r => new ResultLink(r.RoundId, r.RoundName, r.TeamId, r.TeamName))
            .ToList();
    }
}

/// <summary>A round's results and the rulings on its inspections, by inspection.</summary>
public sealed record RuledRoundResults(RoundResults Results, IReadOnlyDictionary<int, IReadOnlyList<RulingFact>> Rulings);

public sealed record TeamInfo(int Id, string Name, string Project, int? LeadId);

public sealed record ResultLink(int RoundId, string RoundName, int TeamId, string TeamName);
