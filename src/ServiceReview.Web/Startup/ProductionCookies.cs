using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceReview.Web.Startup;

/// <summary>
/// In Production every cookie of the app is <c>Secure</c> and carries the <c>__Host-</c> prefix, which the browser
/// accepts only from HTTPS, with <c>Path=/</c> and no <c>Domain</c>: a sibling sub-domain or a plain-HTTP
/// page cannot plant or overwrite it. Development and Testing keep ASP.NET Core's default names, which tests and
/// the demo use (and which work over plain HTTP).
/// </summary>
public static class ProductionCookies
{
    public const string Prefix = "__Host-";
    public const string Authentication = Prefix + "ServiceReview.Auth";
    public const string Antiforgery = Prefix + "ServiceReview.Antiforgery";
    public const string Culture = Prefix + "ServiceReview.Culture";
    public const string TempData = Prefix + "ServiceReview.TempData";

    public static IServiceCollection AddProductionCookies(this IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<IWebHostEnvironment>((o, env) => HostPrefixed(o.Cookie, Authentication, env));

        // Identity's other cookies are unused (no external logins, no two-factor), but the login page still deletes
        // the external one: keep the rule "every cookie is __Host-" without exceptions.
        foreach (var (scheme, name) in new[]
        {
            (IdentityConstants.ExternalScheme, Prefix + "ServiceReview.External"),
            (IdentityConstants.TwoFactorUserIdScheme, Prefix + "ServiceReview.TwoFactorUserId"),
            (IdentityConstants.TwoFactorRememberMeScheme, Prefix + "ServiceReview.TwoFactorRememberMe"),
        })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .PostConfigure<IWebHostEnvironment>((o, env) => HostPrefixed(o.Cookie, name, env));
        }

        services.AddOptions<AntiforgeryOptions>()
            .PostConfigure<IWebHostEnvironment>((o, env) => HostPrefixed(o.Cookie, Antiforgery, env));
        services.AddOptions<CookieTempDataProviderOptions>()
            .PostConfigure<IWebHostEnvironment>((o, env) => HostPrefixed(o.Cookie, TempData, env));
        services.AddOptions<RequestLocalizationOptions>().PostConfigure<IWebHostEnvironment>((o, env) =>
        {
            if (env.IsProduction())
            {
                foreach (var provider in o.RequestCultureProviders.OfType<CookieRequestCultureProvider>())
                {
                    provider.CookieName = Culture;
                }
            }
        });
        return services;
    }

    private static void HostPrefixed(CookieBuilder cookie, string name, IWebHostEnvironment env)
    {
        if (!env.IsProduction())
        {
            return;
        }

        cookie.Name = name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
    }
}
