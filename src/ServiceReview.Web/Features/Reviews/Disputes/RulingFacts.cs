using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Reviews.Disputes;

/// <summary>
/// One ruled disputed indicator as the exports show it: the lead's reason, the manager's ruling, who ruled and when
/// (UTC), and the input and points before and after (null for items ruled before these facts were stored).
/// </summary>
public sealed record RulingFact(
    int InspectionId, string IndicatorCode, DisputeOutcome Outcome, RecordedScore? Original, RecordedScore? Ruled,
    string Reason, string? Ruling, string? RuledBy, DateTime? RuledAt);

/// <summary>Reads the stored ruling facts of some inspections (ADR 0023): nothing is parsed from the audit log.</summary>
public static class RulingFacts
{
    /// <summary>
    /// The ruled items of the inspections' ruled disputes, by inspection; for an indicator ruled more than once (the
    /// inspection was reopened and disputed again) only the latest ruling.
    /// </summary>
    public static Task<IReadOnlyDictionary<int, IReadOnlyList<RulingFact>>> ForInspectionsAsync(
        ServiceReviewDbContext db, IReadOnlyCollection<int> inspectionIds, CancellationToken cancellationToken = default) =>
        inspectionIds.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<int, IReadOnlyList<RulingFact>>>(new Dictionary<int, IReadOnlyList<RulingFact>>())
            : ReadAsync(db, db.Disputes.Where(d => inspectionIds.Contains(d.InspectionId)), cancellationToken);

    /// <summary>The same for every inspection of a round (one query for the disputes, one for the rulers' names).</summary>
    public static Task<IReadOnlyDictionary<int, IReadOnlyList<RulingFact>>> ForRoundAsync(
        ServiceReviewDbContext db, int roundId, CancellationToken cancellationToken = default) =>
        ReadAsync(db, db.Disputes.Where(d => db.Inspections.Any(i => i.Id == d.InspectionId && i.RoundId == roundId)), cancellationToken);

    private static async Task<IReadOnlyDictionary<int, IReadOnlyList<RulingFact>>> ReadAsync(
        ServiceReviewDbContext db, IQueryable<Dispute> scope, CancellationToken cancellationToken)
    {
        var disputes = await scope.AsNoTracking().Include(d => d.Items)
            .Where(d => d.Status == DisputeStatus.Ruled)
            .ToListAsync(cancellationToken);
        var rulerIds = disputes.Select(d => d.RuledById).OfType<int>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => rulerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return disputes
            .OrderBy(d => d.RuledAt).ThenBy(d => d.Id)
            .SelectMany(d => d.Items.Select(i => new RulingFact(
                d.InspectionId, i.IndicatorCode, i.Outcome, i.Original, i.Ruled, i.Reason, i.Ruling,
                d.RuledById is { } ruler ? names.GetValueOrDefault(ruler) : null, d.RuledAt)))
            .GroupBy(f => (f.InspectionId, f.IndicatorCode))
            .Select(g => g.Last())
            .GroupBy(f => f.InspectionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RulingFact>)g.OrderBy(f => f.IndicatorCode, StringComparer.Ordinal).ToList());
    }
}
