using Microsoft.Extensions.Options;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>Settings under <c>Rounds:AutoClose</c>.</summary>
public sealed class RoundAutoCloseOptions
{
    public const string Section = "Rounds:AutoClose";

    /// <summary>Off in the Testing environment (appsettings.Testing.json): tests call the closer directly.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often open rounds are checked for an ended window.</summary>
    public int IntervalSeconds { get; set; } = 60;
}

/// <summary>
/// Closes open rounds whose inspection window has ended, every <see cref="RoundAutoCloseOptions.IntervalSeconds"/>.
/// Safe with several instances: see <see cref="RoundAutoCloser"/>.
/// </summary>
public sealed class RoundAutoCloseService(
    IServiceScopeFactory scopes,
    IOptions<RoundAutoCloseOptions> options,
    TimeProvider clock,
    ILogger<RoundAutoCloseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.IntervalSeconds)), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RoundAutoCloser>().CloseExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be migrating or briefly away; the next tick tries again.
                logger.LogWarning(ex, "Closing the rounds whose window ended failed; will retry.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class RoundAutoCloseServiceCollectionExtensions
{
    public static IServiceCollection AddRoundAutoClose(this IServiceCollection services)
    {
        services.AddOptions<RoundAutoCloseOptions>().BindConfiguration(RoundAutoCloseOptions.Section);
        services.AddHostedService<RoundAutoCloseService>();
        return services;
    }
}
