using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceReview.Web.Localisation;

namespace ServiceReview.Web.Features.Account;

/// <summary>
/// The language switch (中文 / English). Anonymous because the login page offers it too; the POST is still
/// protected by the global antiforgery filter.
/// </summary>
[AllowAnonymous]
public sealed class CultureController(IOptions<RequestLocalizationOptions> localization) : Controller
{
    [HttpPost]
    public IActionResult Set(string culture, string? returnUrl)
    {
        if (!Cultures.IsSupported(culture))
        {
            return BadRequest();
        }

        var canonical = Cultures.Supported.First(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));

        // The name the cookie provider reads: the default one, or __Host-... in Production (see ProductionCookies).
        var cookieName = localization.Value.RequestCultureProviders.OfType<CookieRequestCultureProvider>().FirstOrDefault()?.CookieName
            ?? CookieRequestCultureProvider.DefaultCookieName;
        Response.Cookies.Append(
            cookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(canonical)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps || cookieName.StartsWith(Startup.ProductionCookies.Prefix, StringComparison.Ordinal),
            });

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
    }
}
