using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace ServiceReview.Web.Security;

/// <summary>
/// The sign-in cookie redirects browsers to the login page, but a JSON call under <c>/api</c> gets
/// 401 (signed out) or 403 (outside its role) with a problem-details body, never a redirect to HTML.
/// </summary>
public static class ApiAwareCookieEvents
{
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApiRequest(context.Request)
            ? WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized")
            : RedirectAsync(context);

    public static Task RedirectToAccessDeniedAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApiRequest(context.Request)
            ? WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden")
            : RedirectAsync(context);

    private static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task WriteProblemAsync(HttpContext httpContext, int status, string title)
    {
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title };
        return httpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
