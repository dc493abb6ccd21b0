using Microsoft.AspNetCore.Identity;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Administration;
using ServiceReview.Web.Features.Administration.People;

namespace ServiceReview.Web.Features.Account;

/// <summary>The signed-in user's own account: changing the password.</summary>
public sealed class OwnAccountService(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    ServiceReviewDbContext db,
    UserSessions sessions,
    TimeProvider clock)
{
    /// <summary>
    /// Changes the account's password (invalid: the same as the old one, the current one wrong, or a rule of
    /// <see cref="PasswordPolicyValidator"/>), drops the must-change claim of a one-time password, audits it, ends the
    /// account's other sessions (<paramref name="currentSessionId"/> goes on) and renews this sign-in cookie.
    /// </summary>
    public async Task<Outcome> ChangePasswordAsync(
        ApplicationUser user, string currentPassword, string newPassword, string? currentSessionId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        if (newPassword == currentPassword)
        {
            return Outcome.Invalid(nameof(ChangePasswordViewModel.NewPassword), "Admin.ChangePassword.SameAsOld");
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return Outcome.Invalid(result.Errors.Select(error => error.Code == "PasswordMismatch"
                ? OutcomeError.Of(nameof(ChangePasswordViewModel.CurrentPassword), "Admin.ChangePassword.WrongCurrent")
                : OutcomeError.Of(nameof(ChangePasswordViewModel.NewPassword), PasswordPolicyValidator.MessageKey(error.Code))));
        }

        foreach (var claim in (await users.GetClaimsAsync(user)).Where(c => c.Type == OneTimePassword.MustChangeClaim))
        {
            await users.RemoveClaimAsync(user, claim);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (actor.PersonId is { } personId)
        {
            db.Audit(actor, now, PeopleAdminService.EntityType, personId, "PasswordChanged");
        }

        AccountAudit.Record(db, now, actor, user.Id, AccountAudit.PasswordChanged);
        await db.SaveChangesAsync(cancellationToken);

        // The other sessions of this account end now (this one goes on), and this cookie is renewed without the
        // must-change claim; it keeps its session.
        await sessions.RevokeAllAsync(user.Id, UserSessions.Reasons.PasswordChanged, currentSessionId, cancellationToken);
        await signIn.RefreshSignInAsync(user);
        return Outcome.Ok();
    }
}

public static class AccountServiceCollectionExtensions
{
    /// <summary>The signed-in user's own account.</summary>
    public static IServiceCollection AddAccount(this IServiceCollection services) =>
        services.AddScoped<OwnAccountService>();
}
