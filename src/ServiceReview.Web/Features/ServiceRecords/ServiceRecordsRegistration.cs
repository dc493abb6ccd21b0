using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Web.Features.ServiceRecords;

public static class ServiceRecordsRegistration
{
    /// <summary>The service-record use cases and the real <see cref="IMeasuredFigures"/>.</summary>
    public static IServiceCollection AddServiceRecords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ServiceMetricsService>();
        services.AddScoped<TeamRecordAccess>();
        services.AddScoped<ServiceRecordEditor>();
        services.AddScoped<ServiceReview.Web.Features.ServiceRecords.Import.ServiceRecordImporter>();
        services.AddScoped<ServiceReview.Web.Features.ServiceRecords.Statistics.ServiceStatisticsService>();
        services.AddOptions<ServiceReview.Web.Features.ServiceRecords.Import.Background.ImportOptions>().Bind(configuration.GetSection(ServiceReview.Web.Features.ServiceRecords.Import.Background.ImportOptions.Section));
        services.AddScoped<ServiceReview.Web.Features.ServiceRecords.Import.Background.ImportJobQueue>();
        services.AddSingleton<ServiceReview.Web.Features.ServiceRecords.Import.Background.ImportWakeUp>();
        services.AddSingleton<ServiceReview.Web.Features.ServiceRecords.Import.Background.ImportJobRunner>();
        services.AddHostedService<ServiceReview.Web.Features.ServiceRecords.Import.Background.ImportWorker>();
        services.AddScoped<IMeasuredFigures>(sp => sp.GetRequiredService<ServiceMetricsService>());
        return services;
    }
}
