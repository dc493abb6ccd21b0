using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using ServiceReview.Web.Features.Administration;

namespace ServiceReview.Web.Security;

/// <summary>
/// Someone who signed in with a one-time password (a new account or a reset) sees no page but the change-password
/// page until they have chosen their own. JSON endpoints and the language switch stay open.
/// </summary>
public sealed class MustChangePasswordFilter : IAsyncActionFilter
{
    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var controller = context.RouteData.Values["controller"] as string;
        if (http.User.HasClaim(c => c.Type == OneTimePassword.MustChangeClaim)
            && !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && controller is not ("Account" or "Culture" or "Error"))
        {
            context.Result = new RedirectToActionResult("ChangePassword", "Account", null);
            return Task.CompletedTask;
        }

        return next();
    }
}
