using System.Globalization;
using ServiceReview.Infrastructure.Seeding;

namespace ServiceReview.Web.Cli;

/// <summary><c>seed-demo [--scale N]</c>: migrates, then loads the demo data N times larger. Refused in Production.</summary>
public sealed class SeedDemoCommand(int scale) : ICliCommand
{
    public const string Verb = "seed-demo";

    public int Scale { get; } = scale;

    public static CliParseResult Parse(IReadOnlyList<string> options)
    {
        var (values, error) = CliDispatcher.ReadOptions(options, "scale");
        if (error is not null)
        {
            return CliParseResult.Invalid(error);
        }

        if (!values.TryGetValue("scale", out var text))
        {
            return CliParseResult.For(new SeedDemoCommand(1));
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale >= 1
            ? CliParseResult.For(new SeedDemoCommand(scale))
            : CliParseResult.Invalid($"--scale must be a whole number of at least 1, not '{text}'.");
    }

    public async Task<int> RunAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (environment.IsProduction())
        {
            await console.Error.WriteLineAsync(
                "seed-demo refuses to run in Production: demo accounts share a published password. " +
                "Set ASPNETCORE_ENVIRONMENT (for example to Development) on a machine meant for trying or benchmarking.");
            return CliExitCodes.Failure;
        }

        var initializer = services.GetRequiredService<IDatabaseInitializer>();
        await initializer.MigrateAsync(cancellationToken);
        await initializer.SeedReferenceDataAsync(cancellationToken);
        await initializer.SeedDemoDataAsync(Scale, cancellationToken);
        await console.Out.WriteLineAsync($"Demo data loaded at scale {Scale}.");
        return CliExitCodes.Success;
    }
}
