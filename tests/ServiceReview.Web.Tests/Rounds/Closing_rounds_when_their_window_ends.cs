using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Closing_rounds_when_their_window_ends(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Open_rounds_whose_window_has_ended_are_closed_by_the_system_and_the_others_stay_open()
    {
        await factory.EnsureDemoDataAsync();
        var demoOpen = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Open).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var round = await factory.OpenRoundAsync("自动结束测试", [await factory.TeamIdAsync("运营支持组")], "inspector1@demo.local");
        var closesAt = (await factory.RoundAsync(round)).WindowClosesAt;

        Assert.Equal(0, await CloseAtAsync(closesAt.AddMinutes(-1)));
        var closed = await CloseAtAsync(closesAt.AddMinutes(1));

        Assert.True(closed >= 1);
        var after = await factory.RoundAsync(round);
        Assert.Equal((RoundStatus.Closed, closesAt.AddMinutes(1)), (after.Status, after.ClosedAt!.Value));
        var audit = (await factory.AuditAsync("Round", round))[^1];
        Assert.Equal(("Closed", "system", null), (audit.Action, audit.ActorName, audit.ActorUserId));
        Assert.Equal(RoundStatus.Open, (await factory.RoundAsync(demoOpen)).Status);
        Assert.Equal(0, await CloseAtAsync(closesAt.AddMinutes(2)));
    }

    [Fact]
    public async Task Two_instances_closing_the_same_round_at_once_close_it_once_and_the_second_ignores_the_conflict()
    {
        await factory.EnsureDemoDataAsync();
        var id = await factory.OpenRoundAsync("并发结束测试", [await factory.TeamIdAsync("政务云驻场组")], "inspector4@demo.local");
        var at = (await factory.RoundAsync(id)).WindowClosesAt.AddMinutes(5);
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var closer1 = new RoundAutoCloser(db1, new FixedClock(at), NullLogger<RoundAutoCloser>.Instance);
        var closer2 = new RoundAutoCloser(db2, new FixedClock(at), NullLogger<RoundAutoCloser>.Instance);
        var round1 = await db1.Rounds.SingleAsync(r => r.Id == id);
        var round2 = await db2.Rounds.SingleAsync(r => r.Id == id);

        var won = await closer1.TryCloseAsync(round1, at);
        var lost = await closer2.TryCloseAsync(round2, at);

        Assert.True(won);
        Assert.False(lost);
        Assert.Equal(RoundStatus.Closed, (await factory.RoundAsync(id)).Status);
        Assert.Single(await factory.AuditAsync("Round", id), a => a.Action == "Closed");
    }

    private Task<int> CloseAtAsync(DateTime utc) =>
        factory.WithDbAsync(db => new RoundAutoCloser(db, new FixedClock(utc), NullLogger<RoundAutoCloser>.Instance).CloseExpiredAsync());

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
