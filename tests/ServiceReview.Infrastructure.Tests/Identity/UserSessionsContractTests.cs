using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.Identity;

/// <summary>
/// The session table on every provider a machine can start (SQLite always, PostgreSQL when installed and always in CI):
/// the per-request check, revocation of one or all sessions, the idle and absolute limits, pruning.
/// </summary>
public abstract class UserSessionsContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    private readonly Clock _clock = new();

    [SkippableFact]
    public async Task A_session_is_valid_until_revoked_and_revoking_one_leaves_the_others()
    {
        var userId = await GivenUserAsync();
        var first = await WithSessionsAsync(s => s.StartAsync(userId));
        var second = await WithSessionsAsync(s => s.StartAsync(userId));

        Assert.Equal(SessionState.Valid, await WithSessionsAsync(s => s.CheckAsync(first, userId)));
        Assert.True(await WithSessionsAsync(s => s.RevokeAsync(first, UserSessions.Reasons.SignedOut)));
        Assert.False(await WithSessionsAsync(s => s.RevokeAsync(first, UserSessions.Reasons.SignedOut)));

        Assert.Equal(SessionState.Revoked, await WithSessionsAsync(s => s.CheckAsync(first, userId)));
        Assert.Equal(SessionState.Valid, await WithSessionsAsync(s => s.CheckAsync(second, userId)));
        Assert.Equal(SessionState.Unknown, await WithSessionsAsync(s => s.CheckAsync(second, "someone-else")));
        Assert.Equal(SessionState.Unknown, await WithSessionsAsync(s => s.CheckAsync("no-such-session", userId)));
        Assert.Equal(UserSession.IdLength, first.Length);
    }

    [SkippableFact]
    public async Task Revoking_all_sessions_of_an_account_can_keep_the_current_one()
    {
        var userId = await GivenUserAsync();
        var current = await WithSessionsAsync(s => s.StartAsync(userId));
        var other = await WithSessionsAsync(s => s.StartAsync(userId));

        Assert.Equal(1, await WithSessionsAsync(s => s.RevokeAllAsync(userId, UserSessions.Reasons.PasswordChanged, current)));
        Assert.Equal(SessionState.Valid, await WithSessionsAsync(s => s.CheckAsync(current, userId)));
        Assert.Equal(SessionState.Revoked, await WithSessionsAsync(s => s.CheckAsync(other, userId)));

        Assert.Equal(1, await WithSessionsAsync(s => s.RevokeAllAsync(userId, UserSessions.Reasons.Disabled)));
        Assert.Equal(SessionState.Revoked, await WithSessionsAsync(s => s.CheckAsync(current, userId)));
    }

    [SkippableFact]
    public async Task Idle_and_too_old_sessions_end_and_are_marked_so()
    {
        var userId = await GivenUserAsync();
        var idle = await WithSessionsAsync(s => s.StartAsync(userId));
        var busy = await WithSessionsAsync(s => s.StartAsync(userId));
        SessionState state;
        do
        {
            // Used every 25 minutes: never idle, but the 10-hour lifetime ends it.
            _clock.Advance(TimeSpan.FromMinutes(25));
            state = await WithSessionsAsync(s => s.CheckAsync(busy, userId));
            Assert.Equal(_clock.Elapsed < TimeSpan.FromHours(10) ? SessionState.Valid : SessionState.Expired, state);
            if (_clock.Elapsed == TimeSpan.FromMinutes(50))
            {
                // Not used for 50 minutes: over the 30-minute idle timeout.
                Assert.Equal(SessionState.Idle, await WithSessionsAsync(s => s.CheckAsync(idle, userId)));
                Assert.Equal(SessionState.Revoked, await WithSessionsAsync(s => s.CheckAsync(idle, userId)));
            }
        }
        while (state == SessionState.Valid);

        Assert.Equal(TimeSpan.FromMinutes(600), _clock.Elapsed);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var reasons = await db.Set<UserSession>().AsNoTracking().Where(s => s.UserId == userId).ToDictionaryAsync(s => s.Id, s => s.RevokedReason);
        Assert.Equal(UserSessions.Reasons.Idle, reasons[idle]);
        Assert.Equal(UserSessions.Reasons.Expired, reasons[busy]);
    }

    [SkippableFact]
    public async Task Pruning_deletes_sessions_that_ended_more_than_a_week_ago_and_keeps_the_rest()
    {
        var userId = await GivenUserAsync();
        var signedOut = await WithSessionsAsync(s => s.StartAsync(userId));
        var forgotten = await WithSessionsAsync(s => s.StartAsync(userId));
        await WithSessionsAsync(s => s.RevokeAsync(signedOut, UserSessions.Reasons.SignedOut));
        _clock.Advance(TimeSpan.FromDays(8));
        var recent = await WithSessionsAsync(s => s.StartAsync(userId));
        var recentlyEnded = await WithSessionsAsync(s => s.StartAsync(userId));
        await WithSessionsAsync(s => s.RevokeAsync(recentlyEnded, UserSessions.Reasons.SignedOut));

        // A sign-in may already have pruned (at most hourly per process): what is left is the point.
        await WithSessionsAsync(s => s.PruneAsync());

        await using var scope = Services.CreateAsyncScope();
        var left = await scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>().Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync();
        Assert.Equal(new[] { recent, recentlyEnded }.Order(), left.Order());
        Assert.DoesNotContain(forgotten, left);
    }

    private async Task<T> WithSessionsAsync<T>(Func<UserSessions, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserSessions>());
    }

    private async Task<string> GivenUserAsync()
    {
        await GivenMigratedDatabaseAsync(configure: services => services.AddSingleton<TimeProvider>(_clock));

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "session@example.test", Email = "session@example.test" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user.Id;
    }

    private sealed class Clock : TimeProvider
    {
        private readonly DateTimeOffset _start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        private TimeSpan _elapsed;

        public TimeSpan Elapsed => _elapsed;

        public override DateTimeOffset GetUtcNow() => _start + _elapsed;

        public void Advance(TimeSpan by) => _elapsed += by;
    }
}

public sealed class SqliteUserSessionsTests() : UserSessionsContractTests(ProviderDatabase.Sqlite());

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlUserSessionsTests(PostgreSqlServer server) : UserSessionsContractTests(ProviderDatabase.PostgreSql(server, "sessions"));
