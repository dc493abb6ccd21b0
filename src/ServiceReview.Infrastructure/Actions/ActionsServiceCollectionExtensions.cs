using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Actions;

public static class ActionsServiceCollectionExtensions
{
    /// <summary>Corrective actions.</summary>
    public static IServiceCollection AddActions(this IServiceCollection services) =>
        services
            .AddScoped<CorrectiveActionService>();
}
