using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.DataProtection;

/// <summary>
/// The ASP.NET Core Data Protection key ring (sign-in cookies, antiforgery tokens, TempData) lives in the app's own
/// database, table <c>DataProtectionKeys</c>, under one application name: every instance on the database reads and
/// writes the same keys, so a cookie or a form token issued by one instance is accepted by every other (ADR 0028).
/// </summary>
public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// The name that isolates this app's keys and payloads. Fixed, not the content root (ASP.NET Core's default), which
    /// differs between machines and publish folders.
    /// </summary>
    public const string ApplicationName = "ServiceReview";

    public static IServiceCollection AddKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<ServiceReviewDbContext>();
        return services;
    }

    /// <summary>
    /// Makes sure the key ring has a current key, creating the first one if there is none. The <c>migrate</c> command
    /// calls it, so that instances started together after a release never race to create the first key. A container
    /// without Data Protection (a tool's, a test's) has no key ring to make.
    /// </summary>
    public static void EnsureKeyRing(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IDataProtectionProvider>()?
            .CreateProtector("ServiceReview.KeyRing.Check")
            .Protect([1]);
    }
}
