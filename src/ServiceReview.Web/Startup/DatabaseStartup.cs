using ServiceReview.Infrastructure.Seeding;

namespace ServiceReview.Web.Startup;

/// <summary>
/// What the web app does to its database before it serves requests. Multi-instance deployments set
/// <c>Database:MigrateOnStartup</c> to false and run the <c>migrate</c> verb once per release instead,
/// so that two instances never migrate at the same time.
/// </summary>
public static class DatabaseStartup
{
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";

    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await InitialiseAsync(
            scope.ServiceProvider.GetRequiredService<IDatabaseInitializer>(),
            app.Configuration,
            app.Environment,
            app.Logger,
            app.Lifetime.ApplicationStopping);
    }

    public static async Task InitialiseAsync(
        IDatabaseInitializer initializer,
        IConfiguration configuration,
        IHostEnvironment environment,
        ILogger logger,
        CancellationToken cancellationToken = default)
    {
        if (configuration.GetValue(MigrateOnStartupKey, defaultValue: true))
        {
            await initializer.MigrateAsync(cancellationToken);
        }
        else
        {
            logger.LogInformation("{Key} is false: migrations are left to the 'migrate' command.", MigrateOnStartupKey);
        }

        await initializer.SeedReferenceDataAsync(cancellationToken);

        if (environment.IsDevelopment() && await initializer.IsEmptyAsync(cancellationToken))
        {
            logger.LogInformation("Empty database in Development: loading the demo data.");
            await initializer.SeedDemoDataAsync(1, cancellationToken);
        }
    }
}
