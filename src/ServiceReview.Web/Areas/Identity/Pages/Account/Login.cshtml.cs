using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The sign-in page, written here instead of Identity's default so that it is localised and styled.
/// Path and field names (Input.Email, Input.Password, Input.RememberMe) are a stable contract.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    ServiceReviewSignInManager signInManager,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public async Task OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Accounts are found by e-mail, whatever their user name is. The sign-in manager hashes a password whatever
        // the case and audits the attempt (see ServiceReviewSignInManager).
        var (result, user) = await signInManager.PasswordSignInByEmailAsync(Input.Email, Input.Password, Input.RememberMe);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in.", user!.Id);
            return LocalRedirect(ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out.", user!.Id);
        }

        // One answer for an unknown address, a wrong password and a locked account, so that the page does not tell
        // which addresses have accounts (docs/security.md, "Sessions and sign-in"). NotAllowed comes only from a
        // disabled account with the right password, i.e. to someone who knows it.
        ModelState.AddModelError(string.Empty, result.IsNotAllowed ? localizer["Login.Disabled"] : localizer["Login.Invalid"]);
        return Page();
    }

    private string LocalOrHome(string? returnUrl) =>
        returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(256, ErrorMessage = "Validation.Email")] // no address is longer; nothing longer reaches the audit log
        [Display(Name = "Login.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Login.Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Login.RememberMe")]
        public bool RememberMe { get; set; }
    }
}
