using Microsoft.Extensions.Options;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Web.Localisation;

namespace ServiceReview.Web.Features.Notifications;

/// <summary>
/// Sends the outbox every <c>Email:Dispatch:IntervalSeconds</c> while e-mail is on (<c>Email:Smtp:Host</c> set).
/// Several instances may run it: see <see cref="EmailDispatcher"/>. A full batch is followed at once by the next.
/// Once an hour it also deletes e-mails sent longer ago than <c>Email:Dispatch:KeepSentDays</c>.
/// </summary>
public sealed class EmailDispatchService(
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.Dispatch.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.Dispatch.IntervalSeconds), clock);
        var nextPrune = clock.GetUtcNow();
        do
        {
            try
            {
                DispatchResult result;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    result = await scope.ServiceProvider.GetRequiredService<EmailDispatcher>().DispatchAsync(stoppingToken);
                }
                while (result.Claimed >= settings.Dispatch.BatchSize && !stoppingToken.IsCancellationRequested);

                if (clock.GetUtcNow() >= nextPrune)
                {
                    nextPrune = clock.GetUtcNow().AddHours(1);
                    await using var scope = scopes.CreateAsyncScope();
                    var pruned = await scope.ServiceProvider.GetRequiredService<EmailDispatcher>().PruneSentAsync(stoppingToken);
                    if (pruned > 0)
                    {
                        logger.LogInformation("Deleted {Count} e-mails sent more than {Days} days ago.", pruned, settings.Dispatch.KeepSentDays);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending the e-mail outbox failed; will retry.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class EmailDispatchServiceCollectionExtensions
{
    /// <summary>The resource-based composer of e-mails and the dispatcher's background service.</summary>
    public static IServiceCollection AddEmailDispatch(this IServiceCollection services)
    {
        services.AddSingleton<INotificationEmailComposer, NotificationEmailComposer>();
        services.AddHostedService<EmailDispatchService>();
        return services;
    }
}
