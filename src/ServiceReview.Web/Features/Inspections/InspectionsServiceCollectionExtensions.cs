using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Inspections;

public static class InspectionsServiceCollectionExtensions
{
    /// <summary>The inspection-record use cases and the plan reader.</summary>
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddScoped<PlanReader>();
        services.AddScoped<InspectionService>();

        return services;
    }
}
