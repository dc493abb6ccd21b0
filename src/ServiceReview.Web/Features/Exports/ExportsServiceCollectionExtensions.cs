namespace ServiceReview.Web.Features.Exports;

public static class ExportsServiceCollectionExtensions
{
    /// <summary>Score-sheet exports, the history export and the dashboards' queries.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services) =>
        services
            .AddScoped<ExportService>()
            .AddScoped<HistoryExportService>()
            .AddScoped<ServiceReview.Web.Features.Dashboards.DashboardQueries>();
}
