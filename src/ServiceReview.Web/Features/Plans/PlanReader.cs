using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Plans;

/// <summary>Reads plan versions for the plans API, the live score preview and the inspection form (no tracking).</summary>
public sealed class PlanReader(ServiceReviewDbContext db)
{
    /// <summary>Every plan version, by plan and number.</summary>
    public async Task<IReadOnlyList<PlanVersion>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.PlanVersions.AsNoTracking().OrderBy(v => v.PlanId).ThenBy(v => v.Number).ToListAsync(cancellationToken);

    /// <summary>One plan version with its categories and indicators, or null.</summary>
    public Task<PlanVersion?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.PlanVersions.AsNoTracking()
            .Include(v => v.Categories).ThenInclude(c => c.Indicators)
            .AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
}
