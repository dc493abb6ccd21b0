using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Web.Features.ServiceRecords;

public static class ServiceRecordsServiceCollectionExtensions
{
    /// <summary>The service-record use cases and the real <see cref="IMeasuredFigures"/>.</summary>
    public static IServiceCollection AddServiceRecords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ServiceMetricsService>();
        services.AddScoped<TeamRecordAccess>();
        services.AddScoped<ServiceRecordEditor>();
        services.AddScoped<Import.ServiceRecordImporter>();
        services.AddScoped<Statistics.ServiceStatisticsService>();
        services.AddOptions<Import.Background.ImportOptions>().Bind(configuration.GetSection(Import.Background.ImportOptions.Section));
        services.AddScoped<Import.Background.ImportJobQueue>();
        services.AddSingleton<Import.Background.ImportWakeUp>();
        services.AddSingleton<Import.Background.ImportJobRunner>();
        services.AddHostedService<Import.Background.ImportWorker>();
        services.AddScoped<IMeasuredFigures>(sp => sp.GetRequiredService<ServiceMetricsService>());
        return services;
    }
}
