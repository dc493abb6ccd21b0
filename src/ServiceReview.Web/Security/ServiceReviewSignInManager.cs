using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceReview.Infrastructure.Identity;

namespace ServiceReview.Web.Security;

/// <summary>
/// Identity's sign-in manager plus one rule: a disabled account (<see cref="ApplicationUser.IsDisabled"/>)
/// cannot sign in, and a session that is already open ends at the next security-stamp check.
/// </summary>
public sealed class ServiceReviewSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        if (user.IsDisabled)
        {
            // Say "disabled" only to someone who knows the password, so that the answer does not tell
            // a stranger which addresses belong to disabled accounts.
            return await UserManager.CheckPasswordAsync(user, password) ? SignInResult.NotAllowed : SignInResult.Failed;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: true } ? null : user;
    }
}
