using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Seeding;
using ServiceReview.Web.Features;

namespace ServiceReview.Infrastructure.Tests.Fixtures;

/// <summary>What a migrated test database holds besides the schema.</summary>
public enum Seed
{
    /// <summary>The schema only.</summary>
    Nothing,

    /// <summary>The reference data every installation has (roles, the default plan).</summary>
    ReferenceData,

    /// <summary>Reference data and one copy of the demo organisation, rounds and inspections.</summary>
    DemoData,
}

/// <summary>
/// The base of every contract test that runs the same on SQLite and PostgreSQL: a fresh database of the class's
/// provider, migrated and wired exactly as the app wires it (<see cref="DependencyInjection.AddInfrastructure"/> and the features' use cases), and
/// disposed with the test. A contract is an abstract subclass; each provider is a one-line sealed subclass of that
/// (<c>: XContractTests(ProviderDatabase.Sqlite())</c>, PostgreSQL in <c>[Collection(PostgreSqlCollection.Name)]</c>).
/// </summary>
public abstract class ProviderContractTests(ProviderDatabase database) : IAsyncLifetime
{
    private ServiceProvider? _services;

    protected DatabaseProvider Provider => database.Provider;

    /// <summary>The services of the database made by <see cref="GivenMigratedDatabaseAsync"/>.</summary>
    protected IServiceProvider Services =>
        _services ?? throw new InvalidOperationException("Call GivenMigratedDatabaseAsync first.");

    /// <summary>A connection string to another fresh, empty database of this provider.</summary>
    protected Task<string> CreateEmptyDatabaseAsync() => database.CreateEmptyAsync();

#pragma warning disable CA2000 // The caller disposes the context, the only disposable the scope holds.
    protected ServiceReviewDbContext NewContext() =>
        Services.CreateScope().ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
#pragma warning restore CA2000

    /// <summary>Creates, migrates and seeds a fresh database; <see cref="Services"/> are its app services.</summary>
    /// <param name="seed">What to load after the migrations.</param>
    /// <param name="settings">Configuration beyond the provider and connection string.</param>
    /// <param name="configure">Services to add or replace (a clock, a fake sender) before the provider is built.</param>
    protected async Task GivenMigratedDatabaseAsync(
        Seed seed = Seed.Nothing,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _services = await MigratedAsync(Provider, await CreateEmptyDatabaseAsync(), seed, settings, configure);
    }

    /// <summary>The app's services over the given database, migrated and seeded (the caller disposes them).</summary>
    public static async Task<ServiceProvider> MigratedAsync(
        DatabaseProvider provider,
        string connectionString,
        Seed seed = Seed.Nothing,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:ServiceReview"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        services.AddInfrastructure(configuration).AddFeatures(configuration);
        services.AddIdentityCore<ApplicationUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<ServiceReviewDbContext>();
        configure?.Invoke(services);
        var provided = services.BuildServiceProvider();

        await using var scope = provided.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<IDatabaseInitializer>();
        await initializer.MigrateAsync();
        if (seed >= Seed.ReferenceData)
        {
            await initializer.SeedReferenceDataAsync();
        }

        if (seed >= Seed.DemoData)
        {
            await initializer.SeedDemoDataAsync(1);
        }

        return provided;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        database.Dispose();
    }
}
