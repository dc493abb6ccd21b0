namespace ServiceReview.Web.Features.Reviews.Disputes;

public static class DisputesServiceCollectionExtensions
{
    /// <summary>Disputes and arbitration.</summary>
    public static IServiceCollection AddDisputes(this IServiceCollection services) =>
        services
            .AddScoped<DisputeService>();
}
