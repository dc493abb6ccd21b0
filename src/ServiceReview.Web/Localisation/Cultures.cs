using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ServiceReview.Web.Localisation;

/// <summary>The cultures of the UI: Simplified Chinese by default, English on request (see docs/decisions/0004).</summary>
public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const string Default = Chinese;

    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    public static bool IsSupported(string? culture) =>
        culture is not null && Supported.Contains(culture, StringComparer.OrdinalIgnoreCase);

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        options.DefaultRequestCulture = new RequestCulture(Default);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;

        // The choice is explicit (the switch in the navbar sets the cookie; ?culture=en works for links).
        // The browser's Accept-Language is ignored on purpose: the organisations using the product work in
        // Chinese, and an English browser on a shared office PC should not change that.
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
        ];
    }
}
