using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Startup;

/// <summary>
/// A request body that cannot be read as the form it claims to be (a multipart POST with a bad boundary, a body cut
/// short, a form over its limits) is the client's fault: answer 400 (or the status the server gave it, e.g. 413),
/// not 500. Antiforgery validation and model binding read the form, so the exception can come from either.
/// </summary>
public sealed class MalformedRequests(RequestDelegate next, ILogger<MalformedRequests> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (StatusFor(context, ex) is { } status && !context.Response.HasStarted)
        {
            logger.LogInformation(ex, "Malformed request body on {Method} {Path}: answered {Status}", context.Request.Method, context.Request.Path, status);
            context.Response.Clear();
            context.Response.StatusCode = status;

            // Pages get the friendly error page from the status-code pages; JSON calls a problem body.
            if (ApiAwareCookieEvents.IsApiRequest(context.Request))
            {
                await context.Response.WriteAsJsonAsync(
                    new ProblemDetails { Status = status, Title = "Malformed request body" },
                    (System.Text.Json.JsonSerializerOptions?)null,
                    "application/problem+json");
            }
        }
    }

    /// <summary>The status for an exception caused by an unreadable request body, or null for any other exception.</summary>
    internal static int? StatusFor(HttpContext context, Exception ex)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        // Kestrel's own verdict on the request (body too large, unexpected end, bad chunking).
        if (ex is BadHttpRequestException bad)
        {
            return bad.StatusCode;
        }

        // The form and multipart readers throw InvalidDataException (bad boundary, limits) or IOException (a body cut
        // short); only those thrown by the readers themselves count, so that a broken file inside a well-formed
        // upload still reaches the code that reports it.
        if (context.Request.HasFormContentType && ex is InvalidDataException or IOException && ThrownByFormReading(ex))
        {
            return StatusCodes.Status400BadRequest;
        }

        return null;
    }

    private static bool ThrownByFormReading(Exception ex)
    {
        var ns = ex.TargetSite?.DeclaringType?.Namespace ?? "";
        return ns.StartsWith("Microsoft.AspNetCore.WebUtilities", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.AspNetCore.TestHost", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal);
    }
}

/// <summary>
/// MVC does not throw when model binding cannot read the form: it records the failure in ModelState (as a message,
/// without the exception) and runs the action with empty arguments, so an upload would answer 404 for "team 0".
/// This filter answers 400 before the action runs. The form feature keeps the outcome of its one read, so asking
/// again costs nothing and sees the same failure; a form that model binding did not touch is read here under the
/// endpoint's own limits ([RequestFormLimits] has been applied by then).
/// </summary>
public sealed class UnreadableFormFilter : IAsyncActionFilter, IOrderedFilter
{
    // Before the other action filters (and before [ApiController]'s automatic 400, which would say less).
    public int Order => int.MinValue;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var request = context.HttpContext.Request;

        // The error page re-executed for that 400 has the same unreadable body: let it render.
        var reExecuted = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (request.HasFormContentType && !reExecuted)
        {
            try
            {
                await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                context.Result = ApiAwareCookieEvents.IsApiRequest(request)
                    ? new ObjectResult(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Malformed request body" })
                    {
                        StatusCode = StatusCodes.Status400BadRequest,
                        ContentTypes = { "application/problem+json" },
                    }
                    : new StatusCodeResult(StatusCodes.Status400BadRequest);
                return;
            }
        }

        await next();
    }
}

public static class MalformedRequestsSetup
{
    /// <summary>Registers <see cref="UnreadableFormFilter"/> for every MVC action (the middleware is added in the pipeline).</summary>
    public static IServiceCollection AddMalformedRequestHandling(this IServiceCollection services) =>
        services.Configure<MvcOptions>(o => o.Filters.Add(new UnreadableFormFilter()));
}
