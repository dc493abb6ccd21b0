using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Infrastructure.Common;

public static class CommonServiceCollectionExtensions
{
    /// <summary>The clock, and local time for people (ADR 0022): <c>Organisation:TimeZone</c>, checked at start-up.</summary>
    public static IServiceCollection AddOrganisationClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OrganisationOptions>().Bind(configuration.GetSection(OrganisationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrganisationOptions>, OrganisationOptionsValidator>();
        services.AddSingleton(sp => OrganisationClock.For(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone));
        return services;
    }
}
