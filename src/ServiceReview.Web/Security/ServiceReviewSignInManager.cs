using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Security;

/// <summary>
/// Identity's sign-in manager plus the rules of this app:
/// <list type="bullet">
/// <item>a disabled account (<see cref="ApplicationUser.IsDisabled"/>) cannot sign in, and a session that is already
/// open ends at the next security-stamp check;</item>
/// <item>every sign-in starts a server-side session (<see cref="UserSessions"/>) whose id the cookie carries, and
/// signing out revokes that session only;</item>
/// <item>an unknown address, a disabled account and a locked account cost the same password hashing as a wrong
/// password, so that the time of the answer does not tell which addresses have accounts;</item>
/// <item>sign-in, failure, lockout and sign-out are written to the audit log (entity type "Account").</item>
/// </list>
/// </summary>
public sealed class ServiceReviewSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    UserSessions sessions,
    ServiceReviewDbContext db,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? s_dummyHash;

    private string? _refreshingSessionId;

    /// <summary>
    /// The sign-in of the login page: finds the account by e-mail and checks the password with lockout. Whatever the
    /// case (no account, disabled, locked, wrong password) one password hash is verified, and the attempt is audited.
    /// </summary>
    public async Task<(SignInResult Result, ApplicationUser? User)> PasswordSignInByEmailAsync(string email, string password, bool isPersistent)
    {
        var address = email.Trim();
        var user = await UserManager.FindByEmailAsync(address);
        if (user is null)
        {
            VerifyDummyHash(password);
            await AuditAsync(new Actor(null, address, null), address.ToLowerInvariant(), AccountAudit.SignInFailed, Detail(address, "unknown"));
            return (SignInResult.Failed, null);
        }

        var wasLockedOut = UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user);
        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true);
        var actor = new Actor(user.Id, string.IsNullOrEmpty(user.DisplayName) ? address : user.DisplayName, null);
        var (action, reason) = result switch
        {
            { Succeeded: true } => (AccountAudit.SignedIn, null),
            { IsLockedOut: true } when !wasLockedOut => (AccountAudit.LockedOut, "too many failures"),
            { IsLockedOut: true } => (AccountAudit.SignInFailed, "locked"),
            { IsNotAllowed: true } => (AccountAudit.SignInFailed, "disabled"),
            _ => (AccountAudit.SignInFailed, "password"),
        };
        await AuditAsync(actor, user.Id, action, Detail(address, reason));
        return (result, user);
    }

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

        if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user))
        {
            // Identity answers a locked account before hashing anything: hash as for any other attempt.
            VerifyDummyHash(password);
            return SignInResult.LockedOut;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: true } ? null : user;
    }

    /// <summary>Every new sign-in cookie names a new server-side session; a refreshed cookie keeps its session.</summary>
    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var sessionId = _refreshingSessionId ?? await sessions.StartAsync(user.Id);
        await base.SignInWithClaimsAsync(user, authenticationProperties,
            additionalClaims.Where(c => c.Type != UserSessions.ClaimType).Append(new Claim(UserSessions.ClaimType, sessionId)));
    }

    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        _refreshingSessionId = current.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id
            ? current.Principal.FindFirstValue(UserSessions.ClaimType)
            : null;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshingSessionId = null;
        }
    }

    /// <summary>Revokes the session of this cookie (only this one: the person's other devices stay signed in).</summary>
    public override async Task SignOutAsync()
    {
        var principal = Context.User;
        var sessionId = principal.FindFirstValue(UserSessions.ClaimType);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (sessionId is not null && userId is not null && await sessions.RevokeAsync(sessionId, UserSessions.Reasons.SignedOut))
        {
            var name = principal.Identity?.Name ?? userId;
            await AuditAsync(new Actor(userId, name, null), userId, AccountAudit.SignedOut, null);
        }

        await base.SignOutAsync();
    }

    private void VerifyDummyHash(string password)
    {
        var dummy = new ApplicationUser();
        s_dummyHash ??= UserManager.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
        _ = UserManager.PasswordHasher.VerifyHashedPassword(dummy, s_dummyHash, password);
    }

    private string Detail(string address, string? reason)
    {
        var ip = Context.Connection.RemoteIpAddress?.ToString();
        address = address.Length <= 256 ? address : address[..256]; // a stranger's text: bounded in an append-only log
        return reason is null ? $"email={address}; ip={ip}" : $"email={address}; ip={ip}; reason={reason}";
    }

    private async Task AuditAsync(Actor actor, string accountId, string action, string? detail)
    {
        AccountAudit.Record(db, clock.GetUtcNow().UtcDateTime, actor, accountId, action, null, detail);
        await db.SaveChangesAsync(Context.RequestAborted);
    }
}
