using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Server-side sessions (ADR 0019): one row per sign-in, checked on every request.</summary>
    public static IServiceCollection AddUserSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UserSessionOptions>().Bind(configuration.GetSection(UserSessionOptions.Section));
        services.AddScoped<UserSessions>();
        return services;
    }
}
