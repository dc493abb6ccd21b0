namespace ServiceReview.Web.Features.Plans;

public static class PlansServiceCollectionExtensions
{
    public static IServiceCollection AddPlans(this IServiceCollection services) =>
        services.AddScoped<PlanService>();
}
