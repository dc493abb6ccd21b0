using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Plans;

public static class PlansServiceCollectionExtensions
{
    /// <summary>Plan authoring: versions, workbooks, publishing.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services) =>
        services.AddScoped<PlanService>();
}
