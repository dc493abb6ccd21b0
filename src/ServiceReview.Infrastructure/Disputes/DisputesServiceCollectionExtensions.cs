using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Disputes;

public static class DisputesServiceCollectionExtensions
{
    /// <summary>Disputes and arbitration.</summary>
    public static IServiceCollection AddDisputes(this IServiceCollection services) =>
        services
            .AddScoped<DisputeService>();
}
