namespace ServiceReview.Web.Tests.Security;

/// <summary>A clock that tests move forward (sessions, security-stamp checks and cookies all read the app's TimeProvider).</summary>
public sealed class MovableClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
