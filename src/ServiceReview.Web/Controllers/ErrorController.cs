using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Web.Models;

namespace ServiceReview.Web.Controllers;

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
    public IActionResult Status(int statusCode)
    {
        Response.StatusCode = statusCode;
        return View(statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Status", Model(statusCode));
    }

    private ErrorViewModel Model(int statusCode) => new()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier,
        StatusCode = statusCode,
    };
}
