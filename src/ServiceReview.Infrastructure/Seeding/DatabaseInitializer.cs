using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Seeding;

internal sealed class DatabaseInitializer(
    ServiceReviewDbContext db,
    RoleManager<IdentityRole> roles,
    DemoDataSeeder demo,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IDatabaseInitializer
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database migrated ({Provider}).", db.Database.ProviderName);

        // Once, on the first start after the hash chain was introduced: the entries written before it are linked.
        var linked = await new Audit.AuditChainStore(db).LinkEntriesBeforeTheChainAsync(cancellationToken);
        if (linked > 0)
        {
            logger.LogInformation("Audit log: {Count} earlier entries linked into the hash chain.", linked);
        }
    }

    public async Task SeedReferenceDataAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }

        if (!await db.Plans.AnyAsync(p => p.Name == DefaultPlan.Name, cancellationToken))
        {
            db.Plans.Add(DefaultPlan.Create(clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Default plan '{Plan}' version 1 created.", DefaultPlan.Name);
        }
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        !await db.Users.AnyAsync(cancellationToken) && !await db.Rounds.AnyAsync(cancellationToken);

    public Task SeedDemoDataAsync(int scale, CancellationToken cancellationToken = default) =>
        demo.SeedAsync(scale, cancellationToken);
}
