namespace ServiceReview.Web.Features.Plans;

public static class PlansServiceCollectionExtensions
{
    /// <summary>Plan authoring: versions, workbooks, publishing; grade names in the user's language.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services) =>
        services.AddScoped<PlanService>().AddScoped<GradeLabels>();
}
