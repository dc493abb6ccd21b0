namespace ServiceReview.Web.Features.Results;

public static class ResultsServiceCollectionExtensions
{
    /// <summary>Round results, and the save hook that keeps the stored results in step (ADR 0027).</summary>
    public static IServiceCollection AddResults(this IServiceCollection services) =>
        services.AddScoped<RoundResultsService>()
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, StoredResultsInterceptor>();
}
