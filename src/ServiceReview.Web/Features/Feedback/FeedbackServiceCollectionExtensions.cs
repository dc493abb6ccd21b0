namespace ServiceReview.Web.Features.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>Feedback notes on a team's result and corrective actions.</summary>
    public static IServiceCollection AddFeedback(this IServiceCollection services) =>
        services
            .AddScoped<FeedbackService>()
            .AddScoped<CorrectiveActionService>();
}
