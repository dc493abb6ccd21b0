using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Results;

public static class ResultsServiceCollectionExtensions
{
    /// <summary>Round results and feedback.</summary>
    public static IServiceCollection AddResults(this IServiceCollection services) =>
        services
            .AddScoped<RoundResultsService>()
            .AddScoped<FeedbackService>();
}
