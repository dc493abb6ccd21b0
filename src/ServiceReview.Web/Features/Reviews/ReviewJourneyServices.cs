using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Home;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Reviews;

/// <summary>Use cases of the review side of the inspection journey: review, disputes, results, feedback, actions, home.</summary>
public static class ReviewJourneyServices
{
    public static IServiceCollection AddReviewJourney(this IServiceCollection services) =>
        services
            .AddScoped<ReviewService>()
            .AddScoped<DisputeService>()
            .AddScoped<RoundResultsService>()
            .AddScoped<FeedbackService>()
            .AddScoped<CorrectiveActionService>()
            .AddScoped<HomeDashboardService>();
}
