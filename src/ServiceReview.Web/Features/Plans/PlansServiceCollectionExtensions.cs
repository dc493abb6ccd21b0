namespace ServiceReview.Web.Features.Plans;

public static class PlansServiceCollectionExtensions
{
    /// <summary>
    /// Plan authoring (versions, workbooks, publishing), <see cref="PlanVersionCache"/>, the one reader of a plan's
    /// content for every feature that scores or shows with it, and <see cref="GradeLabels"/> (grade names in the user's language).
    /// </summary>
    public static IServiceCollection AddPlans(this IServiceCollection services) =>
        services.AddScoped<PlanService>()
            .AddScoped<GradeLabels>()
            .AddSingleton<PlanVersionCache>();
}
