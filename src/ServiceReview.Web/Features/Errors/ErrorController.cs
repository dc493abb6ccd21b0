using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceReview.Web.Features.Errors;

/// <summary>
/// Friendly pages for unhandled exceptions (/Error) and empty error responses (/Error/404, ...).
/// Anonymous, and without antiforgery validation: a re-executed POST that failed its token check must still
/// show the page instead of failing a second time.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[Route("Error")]
public sealed class ErrorController : Controller
{
    [Route("")]
    public IActionResult Index()
    {
        // Re-executed after an exception the status is 500 already; opened directly it must not say 200.
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", Model(StatusCodes.Status500InternalServerError));
    }

    [Route("{statusCode:int}")]
    public IActionResult Status()
    {
        // Read from the route, not bound: a re-executed POST whose form cannot be read fails model binding as a
        // whole, and the page must still know its code.
        var statusCode = int.TryParse(RouteData.Values["statusCode"]?.ToString(), out var code) ? code : 0;

        // Only error statuses: /Error/101 must not switch protocols, /Error/0 must not answer status 0; any other
        // number is a page that does not exist (for signed-out visitors too, hence no route constraint).
        if (statusCode is < 400 or > 599)
        {
            statusCode = StatusCodes.Status404NotFound;
        }

        Response.StatusCode = statusCode;
        return View(statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Status", Model(statusCode));
    }

    private ErrorViewModel Model(int statusCode) => new()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier,
        StatusCode = statusCode,
    };
}
