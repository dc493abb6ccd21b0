using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Results;

/// <summary>An indicator's points summed over counted inspections, with how many scored it and how many marked it N/A.</summary>
public sealed record IndicatorSum(decimal Sum, int Scored, int NotApplicable);

/// <summary>
/// The figures of a <see cref="StoredTeamResult"/> kept as JSON at full precision (decimals round-trip exactly), so a
/// page rebuilt from them shows what <see cref="RoundResultsService.Calculate"/> shows.
/// </summary>
public sealed record TeamFigures
{
    public IReadOnlyList<int> Counted { get; init; } = [];

    public IReadOnlyList<int> Dropped { get; init; } = [];

    /// <summary>Each category's mean over the counted inspections, unrounded (<see cref="TeamResult.CategoryMeans"/>).</summary>
    public IReadOnlyDictionary<string, decimal?> Categories { get; init; } = new Dictionary<string, decimal?>();

    /// <summary>Each indicator's mean points over the counted inspections, unrounded (<see cref="TeamResult.IndicatorMeans"/>).</summary>
    public IReadOnlyDictionary<string, decimal?> IndicatorMeans { get; init; } = new Dictionary<string, decimal?>();

    /// <summary>Per indicator over the counted inspections: what <see cref="IndicatorStatistics.WeakestFirst"/> sums.</summary>
    public IReadOnlyDictionary<string, IndicatorSum> Indicators { get; init; } = new Dictionary<string, IndicatorSum>();

    public static TeamFigures Of(TeamResult team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var counted = team.Inspections.Where(i => team.Counted.Contains(i.Id)).ToList();
        var sums = new Dictionary<string, IndicatorSum>(StringComparer.Ordinal);
        foreach (var item in counted.SelectMany(i => i.Items))
        {
            var sum = sums.GetValueOrDefault(item.Code) ?? new IndicatorSum(0m, 0, 0);
            sums[item.Code] = item.Input.NotApplicable
                ? sum with { NotApplicable = sum.NotApplicable + 1 }
                : item.Points is { } points ? sum with { Sum = sum.Sum + points, Scored = sum.Scored + 1 } : sum;
        }

        return new TeamFigures
        {
            Counted = team.Counted,
            Dropped = team.Dropped,
            Categories = team.CategoryMeans,
            IndicatorMeans = team.IndicatorMeans,
            Indicators = sums,
        };
    }
}

/// <summary>The round-wide figures of a <see cref="StoredRoundResult"/> (or of one project's teams, computed from their rows).</summary>
public sealed record RoundFigures
{
    public int Teams { get; init; }

    public int WithResult { get; init; }

    /// <summary>The mean of the teams' totals (teams with a result), unrounded.</summary>
    public decimal? MeanTotal { get; init; }

    public IReadOnlyDictionary<string, int> Grades { get; init; } = new Dictionary<string, int>();

    /// <summary>Per category, the mean over teams of the team's unrounded category mean (<see cref="IndicatorStatistics.CategoryMeans"/>).</summary>
    public IReadOnlyDictionary<string, decimal?> CategoryMeans { get; init; } = new Dictionary<string, decimal?>();

    /// <summary>Per indicator, the sums over every team's counted inspections.</summary>
    public IReadOnlyDictionary<string, IndicatorSum> Indicators { get; init; } = new Dictionary<string, IndicatorSum>();

    /// <summary>
    /// From team rows in the order of the results page (rank, project, team), averaging in that order as
    /// <see cref="IndicatorStatistics"/> and <see cref="Dashboards.RoundDashboard"/> do over <see cref="RoundResults.Teams"/>.
    /// </summary>
    public static RoundFigures Of(IReadOnlyList<(decimal? Total, string? Grade, TeamFigures Figures)> inRankOrder)
    {
        ArgumentNullException.ThrowIfNull(inRankOrder);
        var totals = inRankOrder.Where(t => t.Total is not null).Select(t => t.Total!.Value).ToList();
        var codes = inRankOrder.SelectMany(t => t.Figures.Categories.Keys).Distinct().ToList();
        var indicators = new Dictionary<string, IndicatorSum>(StringComparer.Ordinal);
        foreach (var (code, sum) in inRankOrder.SelectMany(t => t.Figures.Indicators))
        {
            var total = indicators.GetValueOrDefault(code) ?? new IndicatorSum(0m, 0, 0);
            indicators[code] = new IndicatorSum(total.Sum + sum.Sum, total.Scored + sum.Scored, total.NotApplicable + sum.NotApplicable);
        }

        return new RoundFigures
        {
            Teams = inRankOrder.Count,
            WithResult = totals.Count,
            MeanTotal = totals.Count == 0 ? null : totals.Average(),
            Grades = inRankOrder.Where(t => t.Grade is not null).GroupBy(t => t.Grade!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            CategoryMeans = codes.ToDictionary(
                c => c,
                c =>
                {
                    var scores = inRankOrder.Select(t => t.Figures.Categories.GetValueOrDefault(c)).OfType<decimal>().ToList();
                    return scores.Count == 0 ? (decimal?)null : scores.Average();
                },
                StringComparer.Ordinal),
            Indicators = indicators,
        };
    }

    /// <summary>Per indicator of the plan, the mean points over the counted inspections, weakest first (as <see cref="IndicatorStatistics.WeakestFirst"/>).</summary>
    public IReadOnlyList<IndicatorAverage> WeakestFirst(IReadOnlyList<(string Code, string Name, decimal Max)> indicators) =>
        indicators
            .Select(i =>
            {
                var sum = Indicators.GetValueOrDefault(i.Code) ?? new IndicatorSum(0m, 0, 0);
                return new IndicatorAverage(i.Code, i.Name, i.Max, sum.Scored == 0 ? null : sum.Sum / sum.Scored, sum.Scored, sum.NotApplicable);
            })
            .OrderBy(a => a.Share ?? decimal.MaxValue)
            .ThenBy(a => a.Code, StringComparer.Ordinal)
            .ToList();
}

/// <summary>
/// Writes the stored results (ADR 0027): the rows of the teams whose inspections change in a SaveChanges, the round's
/// ranks and its round-wide figures, in that same SaveChanges. The numbers come from
/// <see cref="RoundResultsService.Calculate"/> over the team's inspections as they are about to be saved.
/// </summary>
public static class StoredFigures
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Write<T>(T figures) => JsonSerializer.Serialize(figures, Options);

    public static T Read<T>(string json)
        where T : new() => string.IsNullOrEmpty(json) ? new T() : JsonSerializer.Deserialize<T>(json, Options) ?? new T();

    /// <summary>Copies a computed team result into its stored row (the rank is set for the whole round afterwards).</summary>
    public static void Apply(StoredTeamResult row, TeamResult team)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(team);
        row.Total = team.Total;
        row.Grade = team.Grade;
        row.Trimmed = team.Trimmed;
        row.MiddleAloneDecides = team.MiddleAloneDecides;
        row.ConfirmedCount = team.ConfirmedCount;
        row.AssignedCount = team.AssignedCount;
        row.Figures = Write(TeamFigures.Of(team));
    }

    /// <summary>
    /// Ranks every row of the round (<see cref="RoundAggregator.Rank(IReadOnlyList{decimal?})"/>) and rewrites the
    /// round-wide figures from them, in the results page's order; <paramref name="names"/> gives (project, team) by team.
    /// </summary>
    public static void Summarise(
        StoredRoundResult summary, IReadOnlyList<StoredTeamResult> rows, IReadOnlyDictionary<int, (string Project, string Team)> names, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(rows);
        var ranks = RoundAggregator.Rank(rows.Select(r => r.Total).ToList());
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Rank != ranks[i])
            {
                rows[i].Rank = ranks[i];
            }
        }

        var ordered = rows
            .OrderBy(r => r.Rank ?? int.MaxValue)
            .ThenBy(r => names.GetValueOrDefault(r.TeamId).Project ?? "", StringComparer.Ordinal)
            .ThenBy(r => names.GetValueOrDefault(r.TeamId).Team ?? "", StringComparer.Ordinal)
            .Select(r => (r.Total, r.Grade, Read<TeamFigures>(r.Figures)))
            .ToList();
        var figures = RoundFigures.Of(ordered);
        summary.Version++;
        summary.ComputedAt = utcNow;
        summary.Teams = figures.Teams;
        summary.WithResult = figures.WithResult;
        summary.Figures = Write(figures);
    }

    /// <summary>(project, team) names of the teams, for the results page's order.</summary>
    public static async Task<IReadOnlyDictionary<int, (string Project, string Team)>> NamesAsync(
        ServiceReviewDbContext db, IReadOnlyCollection<int> teamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (
                from t in db.Teams
                join p in db.Projects on t.ProjectId equals p.Id
                where teamIds.Contains(t.Id)
                select new { t.Id, Project = p.Name, Team = t.Name })
            .AsNoTracking()
            .ToDictionaryAsync(x => x.Id, x => (x.Project, x.Team), cancellationToken);
    }

    /// <summary>
    /// The rounds and teams whose results the pending changes touch: an inspection added, changed or removed (its
    /// status, scores or entries — a child's change renews the inspection's stamp), a team added to or removed from a
    /// round, or a round's aggregation changed (every team of it: null).
    /// </summary>
    public static IReadOnlyDictionary<int, HashSet<int>?> Touched(ServiceReviewDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var touched = new Dictionary<int, HashSet<int>?>();
        void Add(int roundId, int? teamId)
        {
            if (roundId <= 0)
            {
                return;
            }

            if (teamId is null)
            {
                touched[roundId] = null;
            }
            else if (!touched.TryGetValue(roundId, out var teams))
            {
                touched[roundId] = [teamId.Value];
            }
            else
            {
                teams?.Add(teamId.Value);
            }
        }

        foreach (var e in db.ChangeTracker.Entries<Inspection>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (IsDraftSave(e))
            {
                continue; // an autosave: nothing the results show depends on a draft's entries (issue #15, target 3)
            }

            Add(e.Entity.RoundId, e.Entity.TeamId);
            if (e.State == EntityState.Modified && e.Property(i => i.TeamId).OriginalValue is var before && before != e.Entity.TeamId)
            {
                Add(e.Property(i => i.RoundId).OriginalValue, before);
            }
        }

        foreach (var e in db.ChangeTracker.Entries<RoundTeam>().Where(e => e.State is EntityState.Added or EntityState.Deleted))
        {
            if (e.Property("RoundId").CurrentValue is int roundId)
            {
                Add(roundId, e.Entity.TeamId);
            }
        }

        foreach (var e in db.ChangeTracker.Entries<Round>().Where(e => e.State == EntityState.Modified && e.Property(r => r.Aggregation).IsModified))
        {
            Add(e.Entity.Id, null);
        }

        return touched;
    }

    /// <summary>
    /// A draft saved again: still assigned or in progress, on the same round and team. The stored figures count
    /// inspections only once submitted (<see cref="InspectionStatus.Submitted"/> and later) and count assigned ones by
    /// their number, which a draft save does not change.
    /// </summary>
    private static bool IsDraftSave(EntityEntry<Inspection> e) =>
        e.State == EntityState.Modified
        && IsDraft(e.Property(i => i.Status).OriginalValue) && IsDraft(e.Entity.Status)
        && e.Property(i => i.TeamId).OriginalValue == e.Entity.TeamId
        && e.Property(i => i.RoundId).OriginalValue == e.Entity.RoundId;

    private static bool IsDraft(InspectionStatus status) => status is InspectionStatus.Assigned or InspectionStatus.InProgress;

    /// <summary>The pending changes' effect on the stored results of the rounds that have them (a round not stored yet is left to its first read).</summary>
    public static async Task RefreshAsync(ServiceReviewDbContext db, PlanVersionCache plans, DateTime utcNow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        var touched = Touched(db);
        if (touched.Count == 0)
        {
            return;
        }

        var roundIds = touched.Keys.ToList();
        var summaries = await db.StoredRoundResults.Where(s => roundIds.Contains(s.RoundId)).ToListAsync(cancellationToken);
        foreach (var summary in summaries)
        {
            await RefreshRoundAsync(db, plans, summary, touched[summary.RoundId], utcNow, cancellationToken);
        }

        db.ChangeTracker.DetectChanges();
    }

    private static async Task RefreshRoundAsync(ServiceReviewDbContext db, PlanVersionCache plans, StoredRoundResult summary, HashSet<int>? teams, DateTime utcNow, CancellationToken cancellationToken)
    {
        var roundId = summary.RoundId;
        var round = db.ChangeTracker.Entries<Round>().FirstOrDefault(e => e.Entity.Id == roundId)?.Entity
            ?? await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == roundId, cancellationToken);
        var plan = await plans.GetAsync(db, round.PlanVersionId, cancellationToken);

        // The round's teams as they will be after this save: the stored ones, plus those added, less those removed.
        var inRound = (await db.Set<RoundTeam>().Where(t => EF.Property<int>(t, "RoundId") == roundId).Select(t => t.TeamId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var e in db.ChangeTracker.Entries<RoundTeam>().Where(e => Equals(e.Property("RoundId").CurrentValue, roundId)))
        {
            if (e.State == EntityState.Added)
            {
                inRound.Add(e.Entity.TeamId);
            }
            else if (e.State == EntityState.Deleted)
            {
                inRound.Remove(e.Entity.TeamId);
            }
        }

        var rows = await db.StoredTeamResults.Where(r => r.RoundId == roundId).ToListAsync(cancellationToken);
        var affected = teams ?? [.. inRound, .. rows.Select(r => r.TeamId)];
        var inspections = await InspectionsAsSavedAsync(db, roundId, affected, cancellationToken);
        var summaryOfRound = RoundResultsService.Summary(round);
        foreach (var teamId in affected)
        {
            var row = rows.FirstOrDefault(r => r.TeamId == teamId);
            if (!inRound.Contains(teamId))
            {
                if (row is not null)
                {
                    db.StoredTeamResults.Remove(row);
                    rows.Remove(row);
                }

                continue;
            }

            var result = Compute(summaryOfRound, plan, teamId, inspections.Where(i => i.TeamId == teamId).ToList());
            if (row is null)
            {
                row = new StoredTeamResult { RoundId = roundId, TeamId = teamId };
                db.StoredTeamResults.Add(row);
                rows.Add(row);
            }

            Apply(row, result);
        }

        Summarise(summary, rows, await NamesAsync(db, rows.Select(r => r.TeamId).ToList(), cancellationToken), utcNow);
    }

    /// <summary>One team's result from its inspections (names are not stored: pages read them live).</summary>
    public static TeamResult Compute(RoundSummary round, PlanVersion plan, int teamId, IReadOnlyList<Inspection> inspections) =>
        RoundResultsService.Calculate(round, plan, [new TeamInfo(teamId, "", "", null)], inspections, new Dictionary<int, (string, string)>()).Teams[0];

    /// <summary>
    /// The inspections of these teams in the round as the pending save will leave them: the tracked ones with their
    /// changes (their entries and category scores loaded when they were not), the others as stored, the removed left out.
    /// </summary>
    private static async Task<List<Inspection>> InspectionsAsSavedAsync(ServiceReviewDbContext db, int roundId, IReadOnlyCollection<int> teamIds, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<Inspection>().Where(e => e.Entity.RoundId == roundId && teamIds.Contains(e.Entity.TeamId)).ToList();
        var trackedIds = tracked.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id).ToList();
        var result = new List<Inspection>();
        foreach (var e in tracked.Where(e => e.State != EntityState.Deleted && e.State != EntityState.Detached))
        {
            if (e.State != EntityState.Added)
            {
                await EnsureLoadedAsync(e.Collection(i => i.Entries), cancellationToken);
                await EnsureLoadedAsync(e.Collection(i => i.CategoryScores), cancellationToken);
            }

            result.Add(e.Entity);
        }

        result.AddRange(await db.Inspections.AsNoTracking()
            .Include(i => i.Entries).Include(i => i.CategoryScores)
            .Where(i => i.RoundId == roundId && teamIds.Contains(i.TeamId) && !trackedIds.Contains(i.Id))
            .AsSplitQuery()
            .ToListAsync(cancellationToken));
        return result;
    }

    private static async Task EnsureLoadedAsync<T>(CollectionEntry<Inspection, T> collection, CancellationToken cancellationToken)
        where T : class
    {
        if (!collection.IsLoaded)
        {
            await collection.LoadAsync(cancellationToken);
        }
    }

    /// <summary>
    /// For a synchronous SaveChanges (none in the app today): the touched rounds' stored results are removed in the same
    /// save, so their next read stores them again from the inspections.
    /// </summary>
    public static void Invalidate(ServiceReviewDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        var roundIds = Touched(db).Keys.ToList();
        if (roundIds.Count == 0)
        {
            return;
        }

        db.StoredTeamResults.RemoveRange([.. db.StoredTeamResults.Where(r => roundIds.Contains(r.RoundId))]);
        db.StoredRoundResults.RemoveRange([.. db.StoredRoundResults.Where(r => roundIds.Contains(r.RoundId))]);
    }
}

/// <summary>The save hook that keeps the stored results (ADR 0027) in step with every change of an inspection, in the same SaveChanges.</summary>
public sealed class StoredResultsInterceptor(TimeProvider clock, PlanVersionCache plans) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is ServiceReviewDbContext db)
        {
            StoredFigures.Invalidate(db);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is ServiceReviewDbContext db)
        {
            await StoredFigures.RefreshAsync(db, plans, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return result;
    }
}
