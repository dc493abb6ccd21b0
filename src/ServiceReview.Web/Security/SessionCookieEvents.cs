using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using ServiceReview.Infrastructure.Identity;

namespace ServiceReview.Web.Security;

/// <summary>
/// The sign-in cookie is good only while its server-side session is: every request looks the session up (one
/// lookup by key) before Identity's security-stamp check, which runs once a minute and re-reads the roles.
/// </summary>
public static class SessionCookieEvents
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = context.Principal?.FindFirstValue(UserSessions.ClaimType);

        // A cookie without a session (issued before sessions existed, or forged without one) is not accepted.
        var state = userId is null || sessionId is null
            ? SessionState.Unknown
            : await context.HttpContext.RequestServices.GetRequiredService<UserSessions>()
                .CheckAsync(sessionId, userId, context.HttpContext.RequestAborted);
        if (state != SessionState.Valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The principal that the security-stamp check builds afresh keeps the session of the old one.</summary>
    public static Task KeepSessionOnRefreshAsync(SecurityStampRefreshingPrincipalContext context)
    {
        var session = context.CurrentPrincipal?.FindFirst(UserSessions.ClaimType);
        if (session is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == UserSessions.ClaimType))
        {
            identity.AddClaim(new Claim(UserSessions.ClaimType, session.Value));
        }

        return Task.CompletedTask;
    }
}
