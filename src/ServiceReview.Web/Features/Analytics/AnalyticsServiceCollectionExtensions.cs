namespace ServiceReview.Web.Features.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>The accuracy statistics: inspector bias, agreement and signals (docs/accuracy.md).</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AnalyticsOptions.From(configuration));
        services.AddSingleton<AnalyticsCache>();
        services.AddScoped<InspectorBiasService>();
        services.AddScoped<RoundAgreementService>();
        services.AddScoped<Calibration.CalibrationService>();
        return services;
    }
}
