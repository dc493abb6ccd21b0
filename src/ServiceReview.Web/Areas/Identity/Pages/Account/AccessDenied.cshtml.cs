using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceReview.Web.Areas.Identity.Pages.Account;

/// <summary>Where the cookie sends a signed-in user whose role does not reach the page.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
