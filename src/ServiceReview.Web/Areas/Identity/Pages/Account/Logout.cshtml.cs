using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Common;

namespace ServiceReview.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sign-out is a POST (with antiforgery); GET asks for confirmation, and warns when this browser still holds offline
/// drafts of the person signing out (sign-out.js reads them from IndexedDB: the server never sees them).
/// </summary>
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

    /// <summary>
    /// Who owns the offline drafts kept in this browser (draft-store.js), as an opaque tag: a hash of the account's
    /// random id, so a shared tablet's storage names nobody, and each person's drafts are kept, offered, sent and
    /// cleared at sign-out apart from the others'. Stable across sign-ins and password changes.
    /// </summary>
    public static string DraftOwner(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ServiceReview offline drafts\n" + id)), 0, 16);
    }
}
