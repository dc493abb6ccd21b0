using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Plans;

/// <summary>Reads plan versions for the plans API, the live score preview and the inspection form (no tracking).</summary>
public sealed class PlanReader(ServiceReviewDbContext db, PlanVersionCache cache)
{
    /// <summary>Every plan version, by plan and number.</summary>
    public async Task<IReadOnlyList<PlanVersion>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.PlanVersions.AsNoTracking().OrderBy(v => v.PlanId).ThenBy(v => v.Number).ToListAsync(cancellationToken);

    /// <summary>One plan version with its categories and indicators, or null, as the database has it now (status included).</summary>
    public Task<PlanVersion?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        PlanVersionCache.LoadAsync(db, id, cancellationToken);

    /// <summary>
    /// One plan version to score with, or null: a published one from <see cref="PlanVersionCache"/> (its content never
    /// changes; its status may be out of date, so do not show it), a draft from the database.
    /// </summary>
    public Task<PlanVersion?> FindForScoringAsync(int id, CancellationToken cancellationToken = default) =>
        cache.FindAsync(db, id, cancellationToken);
}
