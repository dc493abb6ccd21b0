using Microsoft.Extensions.Options;

namespace ServiceReview.Web.Features.Notifications;

/// <summary>Settings under <c>Notifications:Reminders</c>.</summary>
public sealed class NotificationReminderOptions
{
    public const string Section = "Notifications:Reminders";

    /// <summary>Off in the Testing environment (appsettings.Testing.json): tests call the job directly.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due-soon and overdue reminders are looked for.</summary>
    public int IntervalMinutes { get; set; } = 10;
}

/// <summary>
/// Adds due-soon and overdue reminders, and queues the weekly digests due, every
/// <see cref="NotificationReminderOptions.IntervalMinutes"/>. Safe with several instances: see <see cref="ReminderJob"/>
/// and <see cref="WeeklyDigestJob"/>.
/// </summary>
public sealed class NotificationReminderService(
    IServiceScopeFactory scopes,
    IOptions<NotificationReminderOptions> options,
    TimeProvider clock,
    ILogger<NotificationReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, settings.IntervalMinutes)), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(stoppingToken);

                // The weekly digests due this week (none once each has gone: a cheap query most of the time).
                await scope.ServiceProvider.GetRequiredService<WeeklyDigestJob>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Producing reminders or weekly digests failed; will retry.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class NotificationReminderServiceCollectionExtensions
{
    public static IServiceCollection AddNotificationReminders(this IServiceCollection services)
    {
        services.AddOptions<NotificationReminderOptions>().BindConfiguration(NotificationReminderOptions.Section);
        services.AddHostedService<NotificationReminderService>();
        return services;
    }
}
