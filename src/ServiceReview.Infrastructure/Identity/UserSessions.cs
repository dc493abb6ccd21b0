using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Identity;

/// <summary>Settings under <c>Sessions</c> (see docs/operations.md).</summary>
public sealed class UserSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A session unused this long ends (default 30 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy (default 10 hours).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>Rows of sessions that ended longer ago than this are deleted (default 7 days).</summary>
    public TimeSpan KeepEnded { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>What the per-request check found.</summary>
public enum SessionState
{
    Valid,
    Unknown,
    Revoked,
    Idle,
    Expired,
}

/// <summary>
/// The server-side session table: started at sign-in, checked on every request (one lookup by key), revoked at
/// sign-out, when a person is disabled, and when a password changes or is reset. Shared by every app instance
/// because it is in the database.
/// </summary>
public sealed class UserSessions(ServiceReviewDbContext db, TimeProvider clock, IOptions<UserSessionOptions> options, ILogger<UserSessions> logger)
{
    /// <summary>The claim of the sign-in cookie that names its session.</summary>
    public const string ClaimType = "servicereview:sid";

    /// <summary>"Last seen" moves at most this often: a write per session per minute, not per request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private static long s_nextPruneTicks;

    public static class Reasons
    {
        public const string SignedOut = "SignedOut";
        public const string Disabled = "Disabled";
        public const string PasswordChanged = "PasswordChanged";
        public const string PasswordReset = "PasswordReset";
        public const string Idle = "Idle";
        public const string Expired = "Expired";
    }

    private UserSessionOptions Settings => options.Value;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Starts a session for a sign-in (saved at once); now and then also deletes old ended rows.</summary>
    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var session = new UserSession(userId, now);
        db.Set<UserSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;

        var next = Interlocked.Read(ref s_nextPruneTicks);
        if (now.Ticks >= next && Interlocked.CompareExchange(ref s_nextPruneTicks, (now + PruneInterval).Ticks, next) == next)
        {
            await PruneAsync(cancellationToken);
        }

        return session.Id;
    }

    /// <summary>
    /// The check of every signed-in request: the session exists, belongs to this account, is not revoked, idle or
    /// past its lifetime. An idle or expired session is marked revoked on the way.
    /// </summary>
    public async Task<SessionState> CheckAsync(string sessionId, string userId, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.CreatedAt, s.LastSeenAt, s.RevokedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.UserId != userId)
        {
            return SessionState.Unknown;
        }

        if (row.RevokedAt is not null)
        {
            return SessionState.Revoked;
        }

        var now = Now;
        var state = now - row.CreatedAt >= Settings.AbsoluteLifetime ? SessionState.Expired
            : now - row.LastSeenAt >= Settings.IdleTimeout ? SessionState.Idle
            : SessionState.Valid;
        if (state != SessionState.Valid)
        {
            await RevokeAsync(sessionId, state == SessionState.Idle ? Reasons.Idle : Reasons.Expired, cancellationToken);
            return state;
        }

        if (now - row.LastSeenAt >= TouchInterval)
        {
            try
            {
                await db.Set<UserSession>().Where(s => s.Id == sessionId)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            }
            catch (DbException exception)
            {
                // A busy database must not fail the request: the next request a minute on tries again.
                logger.LogWarning(exception, "Could not record the last use of a session.");
            }
        }

        return SessionState.Valid;
    }

    /// <summary>Ends one session (sign-out). False when it was unknown or already ended.</summary>
    public async Task<bool> RevokeAsync(string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return await db.Set<UserSession>().Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken) > 0;
    }

    /// <summary>Ends every open session of an account, except <paramref name="keepSessionId"/> if given.</summary>
    public async Task<int> RevokeAllAsync(string userId, string reason, string? keepSessionId = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var keep = keepSessionId ?? "";
        return await db.Set<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken);
    }

    /// <summary>Deletes the rows of sessions that ended (revoked, idle or past their lifetime) longer ago than <c>KeepEnded</c>.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Now - Settings.KeepEnded;
        var idleCutoff = cutoff - Settings.IdleTimeout;
        var lifetimeCutoff = cutoff - Settings.AbsoluteLifetime;
        var deleted = await db.Set<UserSession>()
            .Where(s => s.RevokedAt < cutoff || s.LastSeenAt < idleCutoff || s.CreatedAt < lifetimeCutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} ended sessions.", deleted);
        }

        return deleted;
    }
}
