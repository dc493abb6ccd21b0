using ServiceReview.Infrastructure.DataProtection;
using ServiceReview.Infrastructure.Seeding;

namespace ServiceReview.Web.Cli;

/// <summary><c>migrate</c>: applies pending migrations and the reference data and makes the first Data Protection key, for deployments that do not migrate at start-up.</summary>
public sealed class MigrateCommand : ICliCommand
{
    public const string Verb = "migrate";

    public async Task<int> RunAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default)
    {
        var initializer = services.GetRequiredService<IDatabaseInitializer>();
        await initializer.MigrateAsync(cancellationToken);
        await initializer.SeedReferenceDataAsync(cancellationToken);

        // The first key of the shared key ring, made once here rather than by instances starting at the same time.
        KeyRingServiceCollectionExtensions.EnsureKeyRing(services);
        await console.Out.WriteLineAsync("Database migrated; reference data present.");
        return CliExitCodes.Success;
    }
}
