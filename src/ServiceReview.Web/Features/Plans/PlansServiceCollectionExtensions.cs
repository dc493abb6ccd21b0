namespace ServiceReview.Web.Features.Plans;

public static class PlansServiceCollectionExtensions
{
    /// <summary>
    /// Plan authoring (versions, workbooks, publishing) and <see cref="PlanVersionCache"/>, the one reader of a plan's
    /// content for every feature that scores or shows with it.
    /// </summary>
    public static IServiceCollection AddPlans(this IServiceCollection services) =>
        services.AddScoped<PlanService>()
            .AddSingleton<PlanVersionCache>();
}
