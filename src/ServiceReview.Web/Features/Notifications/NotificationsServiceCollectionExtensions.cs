namespace ServiceReview.Web.Features.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Notifications in the app, the reminder and weekly digest jobs, and the notifier the use cases call.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services) =>
        services.AddScoped<NotificationService>().AddScoped<ReminderJob>().AddScoped<WeeklyDigestJob>().AddScoped<WeeklyDigestPreferences>().AddScoped<Notifier>();
}
