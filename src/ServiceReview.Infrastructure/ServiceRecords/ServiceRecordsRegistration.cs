using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Infrastructure.ServiceRecords;

public static class ServiceRecordsRegistration
{
    /// <summary>The service-record use cases and the real <see cref="IMeasuredFigures"/>.</summary>
    public static IServiceCollection AddServiceRecords(this IServiceCollection services)
    {
        services.AddScoped<ServiceMetricsService>();
        services.AddScoped<TeamRecordAccess>();
        services.AddScoped<ServiceRecordEditor>();
        services.AddScoped<Import.ServiceRecordImporter>();
        services.AddScoped<Statistics.ServiceStatisticsService>();
        services.AddSingleton<Import.Background.ImportQueue>();
        services.AddSingleton<Import.Background.ImportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Import.Background.ImportWorker>());
        services.AddScoped<IMeasuredFigures>(sp => sp.GetRequiredService<ServiceMetricsService>());
        return services;
    }
}
