using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceReview.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Where the cookie sends a signed-in user whose role does not reach the page. Answers 403, so that the friendly page
/// still tells browsers, proxies and monitoring that access was refused.
/// </summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
