using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Notifications;

/// <summary>The app with e-mail on (the digest goes through the outbox); nothing is sent, the outbox is read.</summary>
public sealed class DigestFixture : IAsyncLifetime
{
    public F Factory { get; } = F.WithSettings(new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:From:Address"] = "noreply@example.test",
        ["Email:PublicBaseUrl"] = "https://review.example.test/",
    });

    public Task InitializeAsync() => Factory.EnsureDemoDataAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Issue #17 item 11: managers and leads may ask for a weekly digest e-mail on their notification settings page; it is
/// queued in the outbox once per person and week — not again on the next run, not twice when two instances run the job
/// at the same moment — with the figures of their home page, in the language they asked for it in.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_weekly_digest(DigestFixture fixture) : IClassFixture<DigestFixture>
{
    private const string Manager = "manager@demo.local";
    private const string Lead1 = "lead1@demo.local";
    private const string Lead2 = "lead2@demo.local";

    private F Factory => fixture.Factory;

    private Task<List<OutgoingEmail>> DigestsOfAsync(string address) =>
        Factory.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().Where(e => e.ToAddress == address && e.Purpose == WeeklyDigestJob.Purpose).ToListAsync());

    private Task<int> RunAsync() => Factory.WithServiceAsync<WeeklyDigestJob, int>(job => job.RunAsync());

    [Fact]
    public async Task An_opted_in_manager_gets_one_digest_with_the_right_counts_and_an_opted_out_lead_none()
    {
        // A late inspection (window closed, not submitted) and an overdue corrective action.
        var round = await Factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead2Team] = ["inspector3@demo.local"] });
        var closed = DateTime.UtcNow.AddHours(-2);
        await Factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.RoundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.WindowClosesAt, closed)));
        await Factory.RaiseActionAsync(round.RoundId, F.Lead2Team, null, "逾期的整改", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));

        // The manager asks for it on the settings page; the switch is there only for managers and leads.
        var manager = await Factory.SignedInAsync(Manager);
        Assert.NotNull(Html.First(await manager.GetStringAsync("/Notifications/Settings"), "[data-weekly-digest] input[name=WeeklyDigest]"));
        var saved = await F.PostFormAsync(manager, "/Notifications/Settings", "/Notifications/Settings",
            [new("ReceivesEmail", "true"), new("WeeklyDigest", "true")]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var inspector = await Factory.SignedInAsync("inspector1@demo.local");
        Assert.Null(Html.First(await inspector.GetStringAsync("/Notifications/Settings"), "[data-weekly-digest]"));

        var expected = await Factory.WithDbAsync(async db => new
        {
            Rounds = await db.Rounds.CountAsync(r => r.Status == RoundStatus.Open),
            // Open or closed (the auto-closer closes a round as its window ends), in the rounds of the last 14 days.
            Late = await db.Inspections.CountAsync(i => (i.Status == InspectionStatus.Assigned || i.Status == InspectionStatus.InProgress)
                && db.Rounds.Any(r => r.Id == i.RoundId && r.Status != RoundStatus.Draft
                    && r.WindowClosesAt < DateTime.UtcNow && r.WindowClosesAt > DateTime.UtcNow.AddDays(-14))),
            Disputes = await db.Disputes.CountAsync(d => d.Status == DisputeStatus.Open),
            Overdue = (await db.CorrectiveActions.Where(a => a.Status == CorrectiveActionStatus.Open || a.Status == CorrectiveActionStatus.SentBack)
                .Select(a => a.DueDate).ToListAsync()).Count(d => d < DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))), // the demo projects are in Beijing time
        });
        Assert.True(expected.Late >= 1 && expected.Overdue >= 1, $"late {expected.Late}, overdue {expected.Overdue}");

        Assert.True(await RunAsync() >= 1);

        var digest = Assert.Single(await DigestsOfAsync(Manager));
        Assert.Contains(Texts.Zh("Digest.RoundsInProgress", expected.Rounds), digest.TextBody, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Digest.LateInspections", expected.Late), digest.TextBody, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Digest.OpenDisputes", expected.Disputes), digest.TextBody, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Digest.OverdueActions", expected.Overdue), digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts.Zh("Digest.OpenActions", 0).Split('：')[0], digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://review.example.test/Notifications/Settings", digest.TextBody, StringComparison.Ordinal);
        Assert.Empty(await DigestsOfAsync(Lead2));

        // A second run the same week sends none; the settings page says which week went last.
        Assert.Equal(0, await RunAsync());
        Assert.Single(await DigestsOfAsync(Manager));
        Assert.NotNull(Html.First(await manager.GetStringAsync("/Notifications/Settings"), "#weekly-digest-help br"));
    }

    /// <summary>The figures of the manager's digest as the job would compose it now (nothing stored).</summary>
    private async Task<DigestFigures> ManagerFiguresAsync()
    {
        var manager = await Factory.PersonIdAsync(Manager);
        await Factory.WithDbAsync(async db =>
        {
            await db.DigestDeliveries.Where(d => d.PersonId == manager).ExecuteDeleteAsync();
            var person = await db.People.FirstAsync(p => p.Id == manager);
            person.ChooseEmail(true);
            person.ChooseWeeklyDigest(true, null);
            return await db.SaveChangesAsync();
        });
        var digests = await Factory.WithServiceAsync<WeeklyDigestJob, IReadOnlyList<WeeklyDigest>>(job => job.FindAsync());
        return digests.Single(d => d.PersonId == manager).Figures;
    }

    private Task<int> MoveWindowAsync(int roundId, DateTime closesAt, RoundStatus? status = null) =>
        Factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.WindowOpensAt, closesAt.AddDays(-10))
            .SetProperty(r => r.WindowClosesAt, closesAt)
            .SetProperty(r => r.Status, r => status ?? r.Status)));

    [Fact]
    public async Task A_round_the_auto_closer_closed_still_counts_its_unsubmitted_inspections_as_late()
    {
        var before = (await ManagerFiguresAsync()).LateInspections;
        var round = await Factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local", "inspector2@demo.local"] });
        await Factory.SubmitAsync(round[F.Lead1Team, "inspector1@demo.local"], F.Inputs.WorkedExample());

        // The window ends with inspector2's inspection still to do; the auto-closer closes the round, as it does within a minute.
        await MoveWindowAsync(round.RoundId, DateTime.UtcNow.AddHours(-2));
        Assert.True(await Factory.WithServiceAsync<RoundAutoCloser, int>(closer => closer.CloseExpiredAsync()) >= 1);
        Assert.Equal(RoundStatus.Closed, await Factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.RoundId).Select(r => r.Status).FirstAsync()));

        Assert.Equal(before + 1, (await ManagerFiguresAsync()).LateInspections);
    }

    [Fact]
    public async Task Rounds_whose_window_closed_before_the_reminders_look_back_are_history_not_late_work()
    {
        var before = (await ManagerFiguresAsync()).LateInspections;
        var round = await Factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead2Team] = ["inspector1@demo.local", "inspector2@demo.local"] });

        await MoveWindowAsync(round.RoundId, DateTime.UtcNow - RoundQueries.OverdueLookBack - TimeSpan.FromDays(1), RoundStatus.Closed);
        Assert.Equal(before, (await ManagerFiguresAsync()).LateInspections);

        await MoveWindowAsync(round.RoundId, DateTime.UtcNow - RoundQueries.OverdueLookBack + TimeSpan.FromDays(1));
        Assert.Equal(before + 2, (await ManagerFiguresAsync()).LateInspections);
    }

    [Fact]
    public async Task Two_instances_at_the_same_moment_queue_a_leads_digest_once_in_the_language_they_chose()
    {
        var lead = await Factory.PersonIdAsync(Lead1);
        await Factory.WithDbAsync(async db =>
        {
            var person = await db.People.FirstAsync(p => p.Id == lead);
            person.ChooseWeeklyDigest(true, "en");
            return await db.SaveChangesAsync();
        });
        var team = await Factory.TeamIdAsync(F.Lead1Team);
        var openActions = await Factory.WithDbAsync(db => db.CorrectiveActions.CountAsync(a => a.TeamId == team
            && (a.Status == CorrectiveActionStatus.Open || a.Status == CorrectiveActionStatus.SentBack)));

        await using var first = Factory.Services.CreateAsyncScope();
        await using var second = Factory.Services.CreateAsyncScope();
        var jobA = first.ServiceProvider.GetRequiredService<WeeklyDigestJob>();
        var jobB = second.ServiceProvider.GetRequiredService<WeeklyDigestJob>();

        // Both instances look before either stores: both mean to queue the lead's digest.
        var foundA = await jobA.FindAsync();
        var foundB = await jobB.FindAsync();
        Assert.Contains(foundA, d => d.PersonId == lead);
        Assert.Contains(foundB, d => d.PersonId == lead);

        await jobA.StoreAsync(foundA.Where(d => d.PersonId == lead).ToList());
        Assert.Equal(0, await jobB.StoreAsync(foundB.Where(d => d.PersonId == lead).ToList()));

        var digest = Assert.Single(await DigestsOfAsync(Lead1));
        Assert.StartsWith("[ServiceReview] Weekly digest", digest.Subject, StringComparison.Ordinal);
        Assert.Contains($"Open corrective actions of your teams: {openActions}", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Rounds in progress", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.DigestDeliveries.CountAsync(d => d.PersonId == lead)));
    }
}
