namespace ServiceReview.Web.Features.Results;

public static class ResultsServiceCollectionExtensions
{
    /// <summary>Round results.</summary>
    public static IServiceCollection AddResults(this IServiceCollection services) =>
        services.AddScoped<RoundResultsService>();
}
