using System.Security.Cryptography;

namespace ServiceReview.Infrastructure.Identity;

/// <summary>
/// One signed-in browser session, kept on the server so that it can be ended there: the sign-in cookie carries only
/// its <see cref="Id"/> (claim <see cref="UserSessions.ClaimType"/>), and every request checks the row. Signing out
/// revokes this row only; the person's other devices stay signed in. See docs/decisions/0019-server-side-sessions.md.
/// </summary>
public sealed class UserSession
{
    /// <summary>32 random bytes, base64url: 43 characters.</summary>
    public const int IdLength = 43;

    public const int ReasonMaxLength = 32;

    private UserSession()
    {
    }

    public UserSession(string userId, DateTime nowUtc)
    {
        Id = NewId();
        UserId = userId;
        CreatedAt = nowUtc;
        LastSeenAt = nowUtc;
    }

    /// <summary>Unguessable (256 bits from the OS generator); it is the key, so each request is one indexed lookup.</summary>
    public string Id { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    /// <summary>Moved forward at most about once a minute (not on every request), so the idle timeout is that precise.</summary>
    public DateTime LastSeenAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    /// <summary>Why it was ended: SignedOut, Disabled, PasswordChanged, PasswordReset, Idle, Expired.</summary>
    public string? RevokedReason { get; private set; }

    private static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
