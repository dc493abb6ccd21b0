namespace ServiceReview.Infrastructure.Seeding;

/// <summary>Brings a database to the current schema and loads the data every installation needs.</summary>
public interface IDatabaseInitializer
{
    /// <summary>Applies pending migrations.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Roles and the default plan (version 1). Safe to run on every start: it adds only what is missing.</summary>
    Task SeedReferenceDataAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the database holds no user accounts and no plan rounds yet (a fresh installation).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>The demo data of contracts.md, <paramref name="scale"/> times larger than the default. Development only.</summary>
    Task SeedDemoDataAsync(int scale, CancellationToken cancellationToken = default);
}
