using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Notifications;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Notifying_every_hand_over(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string Lead1 = "lead1@demo.local";
    private const string Manager = "manager@demo.local";

    private static IEnumerable<Notification> About(IEnumerable<Notification> all, NotificationKind kind, string subjectType, int subjectId) =>
        all.Where(n => n.Kind == kind && n.SubjectType == subjectType && n.SubjectId == subjectId);

    [Fact]
    public async Task Opening_a_round_tells_each_assigned_inspector_once_and_nobody_else()
    {
        await factory.EnsureDemoDataAsync();
        var (roundId, stamp) = await factory.WithDbAsync(async db =>
        {
            var plan = await db.PlanVersions.Where(v => v.Status == ServiceReview.Core.Plans.PlanVersionStatus.Published).OrderBy(v => v.Id).FirstAsync();
            var round = new Round($"通知测试 {Guid.NewGuid():N}"[..12], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), plan.Id,
                DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(10), AggregationMethod.Mean);
            foreach (var name in new[] { F.Lead1Team, F.Lead2Team })
            {
                var team = await db.Teams.Include(t => t.Members).FirstAsync(t => t.Name == name);
                round.AddTeam(team.Id);
                round.Assign(team, await db.People.FirstAsync(p => p.Email == I1));
            }

            round.Assign(await db.Teams.Include(t => t.Members).FirstAsync(t => t.Name == F.Lead1Team), await db.People.FirstAsync(p => p.Email == I2));
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return (round.Id, round.ConcurrencyStamp);
        });

        Assert.True((await factory.WithServiceAsync<RoundService, Outcome<int>>(s => s.OpenAsync(roundId, stamp, new Actor(null, "manager", null)))).IsOk);

        Assert.Single(About(await factory.NotificationsOfAsync(I1), NotificationKind.Assigned, "Round", roundId));
        Assert.Single(About(await factory.NotificationsOfAsync(I2), NotificationKind.Assigned, "Round", roundId));
        Assert.Empty(About(await factory.NotificationsOfAsync(Lead1), NotificationKind.Assigned, "Round", roundId));
    }

    [Fact]
    public async Task Reassigning_tells_the_new_inspector_about_that_inspection()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var id = round[F.Lead1Team, I1];
        var stamp = await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.ConcurrencyStamp).FirstAsync());
        var target = await factory.PersonIdAsync("inspector5@demo.local");

        var reassigned = await factory.WithServiceAsync<RoundService, Outcome>(s => s.ReassignAsync(round.RoundId, id, stamp, target, new Actor(null, "manager", null)));
        Assert.True(reassigned.IsOk);

        var told = Assert.Single(About(await factory.NotificationsOfAsync("inspector5@demo.local"), NotificationKind.Assigned, "Inspection", id));
        Assert.Equal($"/Inspections/Fill/{id}", told.Link);
        Assert.Empty(About(await factory.NotificationsOfAsync(I1), NotificationKind.Assigned, "Inspection", id));
    }

    [Fact]
    public async Task Submitting_tells_the_lead_of_the_inspected_team()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var id = round[F.Lead1Team, I1];
        var inspector = await factory.PersonIdAsync(I1);
        var stamp = await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.ConcurrencyStamp).FirstAsync());

        var outcome = await factory.WithServiceAsync<InspectionService, Outcome<SubmitOutcome>>(s =>
            s.SubmitAsync(id, stamp, F.Inputs.WorkedExample(), 600, new Actor(null, "inspector1", inspector), DateTime.UtcNow));

        Assert.True(outcome.Value.Submitted);
        var told = Assert.Single(About(await factory.NotificationsOfAsync(Lead1), NotificationKind.SubmittedForReview, "Inspection", id));
        Assert.Equal($"/Reviews/Review/{id}", told.Link);
        Assert.Empty(About(await factory.NotificationsOfAsync("lead2@demo.local"), NotificationKind.SubmittedForReview, "Inspection", id));
    }

    [Fact]
    public async Task Disputing_tells_the_managers_of_the_project_and_ruling_tells_the_lead_and_the_inspector()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I2] });
        var id = round[F.Lead1Team, I2];

        // A manager who manages none of the demo projects is not the one to arbitrate this team's dispute.
        const string OtherManager = "manager-elsewhere@demo.local";
        var account = await factory.CreateUserAsync(OtherManager, "Demo-Password-2026", Core.Security.Roles.Manager);
        await factory.WithDbAsync(async db =>
        {
            db.People.Add(new Core.Organisation.Person("别处经理", OtherManager, account.Id));
            await db.SaveChangesAsync();
            return 0;
        });
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        var lead = await factory.SignedInAsync(Lead1);
        var reviewStamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{id}"));
        var disputed = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Dispute",
            [new("Id", id.ToString()), new("Stamp", reviewStamp), new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Reason", "延误由客户变更需求造成")]);
        Assert.Equal(HttpStatusCode.Redirect, disputed.StatusCode);

        Assert.Single(About(await factory.NotificationsOfAsync(Manager), NotificationKind.Disputed, "Inspection", id));
        Assert.Empty(About(await factory.NotificationsOfAsync(Lead1), NotificationKind.Disputed, "Inspection", id));
        Assert.Empty(About(await factory.NotificationsOfAsync(OtherManager), NotificationKind.Disputed, "Inspection", id));

        var disputeId = await factory.WithDbAsync(db => db.Disputes.Where(d => d.InspectionId == id).Select(d => d.Id).FirstAsync());
        var manager = await factory.SignedInAsync(Manager);
        var stamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));
        var ruled = await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}",
            [new("Id", disputeId.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Upheld"), new("Items[0].Ruling", "抽查记录属实，维持")]);
        Assert.Equal(HttpStatusCode.Redirect, ruled.StatusCode);

        var leadTold = Assert.Single(About(await factory.NotificationsOfAsync(Lead1), NotificationKind.Ruled, "Inspection", id));
        var inspectorTold = Assert.Single(About(await factory.NotificationsOfAsync(I2), NotificationKind.Ruled, "Inspection", id));
        Assert.Equal($"/inspections/{id}", leadTold.Link);
        Assert.Equal($"/inspections/{id}", inspectorTold.Link);
        var opened = await F.PostFormAsync(lead, "/Notifications", $"/Notifications/Open/{leadTold.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/inspections/{id}", opened.Headers.Location?.OriginalString);
        Assert.Empty(About(await factory.NotificationsOfAsync(Manager), NotificationKind.Ruled, "Inspection", id));
    }

    [Fact]
    public async Task A_corrective_action_tells_the_owner_when_raised_and_sent_back_and_the_raiser_when_done()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var leadId = await factory.PersonIdAsync(Lead1);
        var inspector = await factory.SignedInAsync(I1);
        var raised = await F.PostFormAsync(inspector, $"/Actions/Create?roundId={round.RoundId}&teamId={teamId}", "/Actions/Create",
        [
            new("RoundId", round.RoundId.ToString()), new("TeamId", teamId.ToString()), new("OwnerId", leadId.ToString()), new("DueDate", "2099-12-31"),
            new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Description", "整改 5.3 通知"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var actionId = await factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.RoundId == round.RoundId).Select(a => a.Id).SingleAsync());
        var toOwner = Assert.Single(About(await factory.NotificationsOfAsync(Lead1), NotificationKind.ActionRaised, "CorrectiveAction", actionId));
        Assert.Equal($"/Actions/Details/{actionId}", toOwner.Link);

        var lead = await factory.SignedInAsync(Lead1);
        await TransitionAsync(lead, actionId, "ReportDone", "已整改");
        Assert.Single(About(await factory.NotificationsOfAsync(I1), NotificationKind.ActionDone, "CorrectiveAction", actionId));

        await TransitionAsync(inspector, actionId, "SendBack", "抽查仍有问题");
        Assert.Single(About(await factory.NotificationsOfAsync(Lead1), NotificationKind.ActionSentBack, "CorrectiveAction", actionId));

        await TransitionAsync(lead, actionId, "ReportDone", "已再次整改");
        await TransitionAsync(inspector, actionId, "Verify", "核实通过");
        Assert.Equal(2, About(await factory.NotificationsOfAsync(I1), NotificationKind.ActionDone, "CorrectiveAction", actionId).Count());
        Assert.Single(About(await factory.NotificationsOfAsync(Lead1), NotificationKind.ActionVerified, "CorrectiveAction", actionId));
    }

    private static async Task TransitionAsync(HttpClient client, int id, string action, string text)
    {
        var stamp = F.StampOf(await client.GetStringAsync($"/Actions/Details/{id}"));
        var response = await F.PostFormAsync(client, $"/Actions/Details/{id}", $"/Actions/{action}", [new("Id", id.ToString()), new("Stamp", stamp), new("Text", text)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
