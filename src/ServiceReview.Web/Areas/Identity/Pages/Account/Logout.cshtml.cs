using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Common;

namespace ServiceReview.Web.Areas.Identity.Pages.Account;

/// <summary>Sign-out is a POST (with antiforgery); GET only asks for confirmation.</summary>
[AllowAnonymous]
public sealed class LogoutModel(
    SignInManager<ApplicationUser> signInManager,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LogoutModel> logger) : PageModel
{
    public IActionResult OnGet() =>
        signInManager.IsSignedIn(User) ? Page() : RedirectToPage("./Login");

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        logger.LogInformation("User signed out.");
        TempData.SetStatus(localizer["Logout.Done"], StatusKind.Info);
        return RedirectToPage("./Login");
    }
}
