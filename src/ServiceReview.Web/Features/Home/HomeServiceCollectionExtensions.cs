namespace ServiceReview.Web.Features.Home;

public static class HomeServiceCollectionExtensions
{
    /// <summary>The home page's lists of work.</summary>
    public static IServiceCollection AddHome(this IServiceCollection services) =>
        services
            .AddScoped<HomeDashboardService>();
}
