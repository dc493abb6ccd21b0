using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Administration;
using ServiceReview.Web.Features.Administration.People;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Account;

/// <summary>
/// The signed-in user's own account: changing the password (Identity's Manage pages are not offered). Someone who
/// signed in with a one-time password is sent here first (<see cref="MustChangePasswordFilter"/>).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AccountController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    ServiceReviewDbContext db,
    ICurrentActor currentActor,
    UserSessions sessions,
    TimeProvider clock,
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

        if (form.NewPassword == form.CurrentPassword)
        {
            ModelState.AddModelError(nameof(form.NewPassword), l["Admin.ChangePassword.SameAsOld"]);
            return View(form);
        }

        var result = await users.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(
                    error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword),
                    l[error.Code == "PasswordMismatch" ? "Admin.ChangePassword.WrongCurrent" : PasswordPolicyValidator.MessageKey(error.Code)]);
            }

            return View(form);
        }

        foreach (var claim in (await users.GetClaimsAsync(user)).Where(c => c.Type == OneTimePassword.MustChangeClaim))
        {
            await users.RemoveClaimAsync(user, claim);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (actor.PersonId is { } personId)
        {
            db.Audit(actor, now, PeopleAdminService.EntityType, personId, "PasswordChanged");
        }

        AccountAudit.Record(db, now, actor, user.Id, AccountAudit.PasswordChanged);
        await db.SaveChangesAsync(cancellationToken);

        // The other sessions of this account end now (this one goes on), and this cookie is renewed without the
        // must-change claim; it keeps its session.
        await sessions.RevokeAllAsync(user.Id, UserSessions.Reasons.PasswordChanged, User.FindFirstValue(UserSessions.ClaimType), cancellationToken);
        await signIn.RefreshSignInAsync(user);
        TempData.SetStatus(l["Admin.ChangePassword.Done"]);
        return RedirectToAction("Index", "Home");
    }
}
