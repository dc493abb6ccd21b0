namespace ServiceReview.Web.Features.Reviews;

public static class ReviewsServiceCollectionExtensions
{
    /// <summary>Reviewing confirmed inspections.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services) =>
        services
            .AddScoped<ReviewService>();
}
