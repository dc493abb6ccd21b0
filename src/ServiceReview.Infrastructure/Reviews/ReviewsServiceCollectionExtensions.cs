using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Reviews;

public static class ReviewsServiceCollectionExtensions
{
    /// <summary>Reviewing confirmed inspections.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services) =>
        services
            .AddScoped<ReviewService>();
}
