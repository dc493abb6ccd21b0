using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Seeding;

internal sealed class DatabaseInitializer(ServiceReviewDbContext db, ILogger<DatabaseInitializer> logger) : IDatabaseInitializer
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database migrated.");
    }

    public Task SeedReferenceDataAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        !await db.Users.AnyAsync(cancellationToken);

    public Task SeedDemoDataAsync(int scale, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
