using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Exports;

/// <summary>Which inspections the history export holds: rounds whose period starts within [From, To], optionally one project.</summary>
public sealed record HistoryFilter(DateOnly? From, DateOnly? To, int? ProjectId);

/// <summary>
/// Reads the history export's rows: every scored inspection (submitted, disputed or confirmed) of the chosen rounds,
/// one row per indicator in plan order. Inspections are read in id order, a bounded chunk at a time, untracked, so
/// memory depends on the chunk size and the size of the organisation (rounds, plans, teams, people), never on the
/// number of rows.
/// </summary>
public sealed class HistoryExportService(ServiceReviewDbContext db, OrganisationClock localTime, PlanVersionCache planVersions)
{
    public const int ChunkSize = 500;

    private static readonly InspectionStatus[] Scored = [InspectionStatus.Submitted, InspectionStatus.Disputed, InspectionStatus.Confirmed];

    public async IAsyncEnumerable<HistoryRow> RowsAsync(HistoryFilter filter, ExportLabels labels, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rounds = await db.Rounds.AsNoTracking()
            .Where(r => r.Status != RoundStatus.Draft)
            .Where(r => filter.From == null || r.PeriodStart >= filter.From)
            .Where(r => filter.To == null || r.PeriodStart <= filter.To)
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        if (rounds.Count == 0)
        {
            yield break;
        }

        var plans = new Dictionary<int, PlanVersion>();
        foreach (var versionId in rounds.Values.Select(r => r.PlanVersionId).Distinct())
        {
            plans[versionId] = await planVersions.GetAsync(db, versionId, cancellationToken);
        }

        var teams = await (
            from t in db.Teams
            join p in db.Projects on t.ProjectId equals p.Id
            where filter.ProjectId == null || t.ProjectId == filter.ProjectId
            select new { t.Id, Team = t.Name, Project = p.Name })
            .AsNoTracking()
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var roundIds = rounds.Keys.ToList();
        var teamIds = filter.ProjectId is null ? null : teams.Keys.ToList();
        var statusText = Enum.GetValues<InspectionStatus>().ToDictionary(s => s, labels.Status);
        var counted = await CountedAsync(rounds, cancellationToken);

        var lastId = 0;
        while (true)
        {
            var chunk = await db.Inspections.AsNoTracking()
                .Include(i => i.Entries).Include(i => i.CategoryScores)
                .Where(i => i.Id > lastId && roundIds.Contains(i.RoundId) && Scored.Contains(i.Status))
                .Where(i => teamIds == null || teamIds.Contains(i.TeamId))
                .OrderBy(i => i.Id)
                .Take(ChunkSize)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                yield break;
            }

            var rulings = await RulingFacts.ForInspectionsAsync(db, chunk.Select(i => i.Id).ToList(), cancellationToken);
            foreach (var inspection in chunk)
            {
                var ruled = rulings.GetValueOrDefault(inspection.Id, []);
                bool? isCounted = inspection.Status == InspectionStatus.Confirmed && inspection.Total is not null ? counted.Contains(inspection.Id) : null;
                var round = rounds[inspection.RoundId];
                var plan = plans.TryGetValue(inspection.PlanVersionId, out var own) ? own : plans[round.PlanVersionId];
                var team = teams[inspection.TeamId];
                var submitted = inspection.SubmittedAt is { } at ? localTime.ToLocal(at) : (DateTime?)null;
                foreach (var category in plan.CategoriesInOrder())
                {
                    var categoryScore = inspection.CategoryScores.FirstOrDefault(c => c.CategoryCode == category.Code)?.Score;
                    foreach (var indicator in category.IndicatorsInOrder())
                    {
                        var entry = inspection.Entries.FirstOrDefault(e => e.IndicatorCode == indicator.Code);
                        var input = entry?.Input ?? new Core.Scoring.IndicatorInput();
                        yield return new HistoryRow(
                            round.Id, round.Name, round.PeriodStart, round.PeriodEnd, plan.Name, plan.Number,
                            team.Project, team.Team, inspection.Id, people.GetValueOrDefault(inspection.InspectorId, "?"),
                            statusText[inspection.Status], submitted, inspection.Total, inspection.TotalBeforeVeto, inspection.Grade, inspection.VetoedBy,
                            category.Code, category.Name, categoryScore,
                            indicator.Code, indicator.Name, indicator.Max, labels.Input(input),
                            input.NotApplicable ? null : input.Value, input.NotApplicable ? null : input.Count, entry?.Points,
                            entry?.MeasuredValue, input.MeasuredOverridden, input.Note)
                        {
                            Counted = isCounted,
                            Ruling = ruled.FirstOrDefault(r => r.IndicatorCode == indicator.Code) is { } fact ? fact with { RuledAt = fact.RuledAt is { } ruledAt ? localTime.ToLocal(ruledAt) : null } : null,
                        };
                    }
                }
            }

            lastId = chunk[^1].Id;
        }
    }

    /// <summary>
    /// The confirmed inspections that count in their team's round result, chosen by the one rule in Core
    /// (<see cref="RoundAggregator.AggregateTeam"/>); only totals are read, one small row per confirmed inspection.
    /// </summary>
    private async Task<HashSet<int>> CountedAsync(Dictionary<int, Round> rounds, CancellationToken cancellationToken)
    {
        var roundIds = rounds.Keys.ToList();
        var confirmed = await db.Inspections.AsNoTracking()
            .Where(i => roundIds.Contains(i.RoundId) && i.Status == InspectionStatus.Confirmed && i.Total != null)
            .Select(i => new { i.Id, i.RoundId, i.TeamId, i.Total, i.TotalBeforeVeto, i.SubmittedAt })
            .ToListAsync(cancellationToken);
        return confirmed
            .GroupBy(i => (i.RoundId, i.TeamId))
            .SelectMany(g => RoundAggregator.AggregateTeam(
                g.Select(i => CountableInspection.Of(i.Id, i.Total!.Value, i.TotalBeforeVeto, i.SubmittedAt)).ToList(),
                rounds[g.Key.RoundId].Aggregation).Counted)
            .ToHashSet();
    }

    /// <summary>How many inspections the filter selects (the page shows it before downloading).</summary>
    public async Task<(int Rounds, int Inspections)> CountAsync(HistoryFilter filter, CancellationToken cancellationToken = default)
    {
        var roundIds = await db.Rounds.AsNoTracking()
            .Where(r => r.Status != RoundStatus.Draft)
            .Where(r => filter.From == null || r.PeriodStart >= filter.From)
            .Where(r => filter.To == null || r.PeriodStart <= filter.To)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var inspections = await (
            from i in db.Inspections
            join t in db.Teams on i.TeamId equals t.Id
            where roundIds.Contains(i.RoundId) && Scored.Contains(i.Status) && (filter.ProjectId == null || t.ProjectId == filter.ProjectId)
            select i.Id).CountAsync(cancellationToken);
        return (roundIds.Count, inspections);
    }
}
