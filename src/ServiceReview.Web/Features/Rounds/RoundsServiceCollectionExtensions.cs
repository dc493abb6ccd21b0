namespace ServiceReview.Web.Features.Rounds;

public static class RoundsServiceCollectionExtensions
{
    /// <summary>The rounds feature's queries and use cases.</summary>
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddScoped<RoundQueries>();
        services.AddScoped<RoundService>();
        services.AddScoped<RoundAutoCloser>();
        return services;
    }
}
