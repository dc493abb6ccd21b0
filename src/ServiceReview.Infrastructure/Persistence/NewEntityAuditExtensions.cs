using Microsoft.EntityFrameworkCore;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// Audits the creation of an entity whose id the database assigns: the row and its audit entry are saved in one
/// transaction (two SaveChanges, because the entry needs the id), through the provider's execution strategy.
/// </summary>
public static class NewEntityAuditExtensions
{
    public static async Task SaveNewWithAuditAsync(this ServiceReviewDbContext db, Action addAuditEntries, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            addAuditEntries();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}
