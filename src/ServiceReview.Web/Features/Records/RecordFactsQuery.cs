using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Records;

/// <summary>What <see cref="RecordAccess"/> needs to know about one record, in one query; null when there is no such record.</summary>
public static class RecordFactsQuery
{
    public static Task<RecordFacts?> RecordFactsAsync(this ServiceReviewDbContext db, int inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (from i in db.Inspections.AsNoTracking()
                join t in db.Teams on i.TeamId equals t.Id
                where i.Id == inspectionId
                select new RecordFacts(i.Id, i.InspectorId, i.TeamId, t.ProjectId, i.Status))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
