using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Administration;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Account;

/// <summary>
/// The signed-in user's own account: changing the password (Identity's Manage pages are not offered). Someone who
/// signed in with a one-time password is sent here first (<see cref="MustChangePasswordFilter"/>).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AccountController(
    UserManager<ApplicationUser> users,
    OwnAccountService account,
    ICurrentActor currentActor,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public IActionResult ChangePassword() =>
        View(new ChangePasswordViewModel { Required = User.HasClaim(c => c.Type == OneTimePassword.MustChangeClaim) });

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordViewModel form, CancellationToken cancellationToken)
    {
        form.Required = User.HasClaim(c => c.Type == OneTimePassword.MustChangeClaim);
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var changed = await account.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!, User.FindFirstValue(UserSessions.ClaimType),
            await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(
            changed,
            ok: () =>
            {
                TempData.SetStatus(l["Admin.ChangePassword.Done"]);
                return RedirectToAction("Index", "Home");
            },
            form: () => View(form));
    }
}
