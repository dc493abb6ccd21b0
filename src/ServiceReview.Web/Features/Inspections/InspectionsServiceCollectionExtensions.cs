using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Inspections;

public static class InspectionsServiceCollectionExtensions
{
    /// <summary>The inspection-record use cases, the plan reader and its cache of published plan versions.</summary>
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddSingleton<PlanVersionCache>();
        services.AddScoped<PlanReader>();
        services.AddScoped<InspectionService>();

        return services;
    }
}
