using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceReview.Web.Areas.Identity.Pages.Account;

/// <summary>Shown after too many failed sign-ins (see the lockout options in AddWeb).</summary>
[AllowAnonymous]
public sealed class LockoutModel : PageModel
{
    public void OnGet()
    {
    }
}
