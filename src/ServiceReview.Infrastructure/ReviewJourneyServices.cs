using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Actions;
using ServiceReview.Infrastructure.Disputes;
using ServiceReview.Infrastructure.Home;
using ServiceReview.Infrastructure.Results;
using ServiceReview.Infrastructure.Reviews;

namespace ServiceReview.Infrastructure;

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
