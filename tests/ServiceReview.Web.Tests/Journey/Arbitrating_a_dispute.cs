using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Arbitrating_a_dispute(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    /// <summary>A worked-example inspection (73.1) of lead1's team, disputed by lead1 on 5.3 (较差, 1.8 of 6 points).</summary>
    private async Task<(int InspectionId, int DisputeId)> DisputedAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector2@demo.local"] });
        var id = round[F.Lead1Team, "inspector2@demo.local"];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var stamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{id}"));
        var response = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Dispute",
            [new("Id", id.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Reason", "延误由客户变更需求造成")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var disputeId = await factory.WithDbAsync(db => db.Disputes.Where(d => d.InspectionId == id).Select(d => d.Id).FirstAsync());
        return (id, disputeId);
    }

    [Fact]
    public async Task The_manager_sees_the_open_dispute_with_the_inspector_evidence_and_the_lead_reason()
    {
        var (_, disputeId) = await DisputedAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var index = await manager.GetStringAsync("/Disputes");
        var page = await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}");

        Assert.Contains($"/Disputes/Arbitrate/{disputeId}", index, StringComparison.Ordinal);
        Assert.Contains("月底集中任务延误两天", page, StringComparison.Ordinal);
        Assert.Contains("延误由客户变更需求造成", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upholding_keeps_the_score_and_confirms_the_inspection()
    {
        var (id, disputeId) = await DisputedAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var stamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));

        var response = await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}",
            [new("Id", disputeId.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Upheld"), new("Items[0].Ruling", "抽查记录属实，维持")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (inspection, dispute) = await factory.WithDbAsync(async db => (
            await db.Inspections.FirstAsync(i => i.Id == id),
            await db.Disputes.Include(d => d.Items).FirstAsync(d => d.Id == disputeId)));
        Assert.Equal(InspectionStatus.Confirmed, inspection.Status);
        Assert.Equal(73.1m, inspection.Total);
        Assert.Equal(DisputeStatus.Ruled, dispute.Status);
        Assert.Equal(DisputeOutcome.Upheld, dispute.Items[0].Outcome);
        Assert.Equal("抽查记录属实，维持", dispute.Items[0].Ruling);
    }

    [Fact]
    public async Task Changing_an_input_rescores_the_inspection_and_audits_old_and_new_values()
    {
        var (id, disputeId) = await DisputedAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var stamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));

        // 5.3 较差 (1.8) → 良好 (4.8): category 5 goes 9.6 → 12.6, the total 73.1 → 76.1.
        var response = await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}",
        [
            new("Id", disputeId.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Changed"),
            new("Items[0].Level", "良好"), new("Items[0].Note", "延误系客户原因"), new("Items[0].Ruling", "核实后改判"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (inspection, audits) = await factory.WithDbAsync(async db => (
            await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == id),
            await db.AuditLog.Where(a => a.EntityType == "Inspection" && a.EntityId == id.ToString()).ToListAsync()));
        Assert.Equal(InspectionStatus.Confirmed, inspection.Status);
        Assert.Equal(76.1m, inspection.Total);
        Assert.Equal(4.8m, inspection.Entries.Single(e => e.IndicatorCode == "5.3").Points);
        var changed = Assert.Single(audits, a => a.Action == "ScoreChanged");
        Assert.Equal("5.3: level=较差, points 1.8", changed.OldValue);
        Assert.Equal("5.3: level=良好, points 4.8", changed.NewValue);
        Assert.Equal(await factory.NameOfAsync("manager@demo.local"), changed.ActorName);
        var arbitrated = Assert.Single(audits, a => a.Action == "Arbitrated");
        Assert.Equal("Disputed, total 73.1", arbitrated.OldValue);
        Assert.Equal("Confirmed, total 76.1", arbitrated.NewValue);
    }

    [Fact]
    public async Task Changing_an_input_stores_the_original_and_the_ruled_input_and_points_on_the_dispute()
    {
        var (_, disputeId) = await DisputedAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var stamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));

        await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}",
        [
            new("Id", disputeId.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Changed"),
            new("Items[0].Level", "良好"), new("Items[0].Note", "延误系客户原因"), new("Items[0].Ruling", "核实后改判"),
        ]);

        var item = await factory.WithDbAsync(db => db.Disputes.AsNoTracking().Include(d => d.Items).Where(d => d.Id == disputeId).Select(d => d.Items.Single()).FirstAsync());
        Assert.Equal("较差", item.Original!.Input.Level);
        Assert.Equal(1.8m, item.Original.Points);
        Assert.Equal(Texts.Zh("Analytics.Reading.Good"), item.Ruled!.Input.Level);
        Assert.Equal("延误系客户原因", item.Ruled.Input.Note);
        Assert.Equal(4.8m, item.Ruled.Points);
    }

    [Fact]
    public async Task A_ruling_is_required_for_every_item()
    {
        var (id, disputeId) = await DisputedAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var stamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));

        var response = await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}",
            [new("Id", disputeId.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Upheld")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Disputes.RulingRequired"), await response.Content.ReadAsStringAsync());
        Assert.Equal(InspectionStatus.Disputed, await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync()));
    }

    [Fact]
    public async Task Arbitrating_twice_rules_once_and_says_so()
    {
        var (_, disputeId) = await DisputedAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var stamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));
        KeyValuePair<string, string>[] form = [new("Id", disputeId.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Upheld"), new("Items[0].Ruling", "维持")];

        await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}", form);
        var second = await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}", form);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Matches(Texts.ZhPattern("Disputes.AlreadyRuled"), await manager.GetStringAsync(second.Headers.Location!.OriginalString));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == "Dispute" && a.EntityId == disputeId.ToString())));
    }

    [Theory]
    [InlineData("inspector2@demo.local")]
    [InlineData("lead1@demo.local")]
    public async Task Neither_an_inspector_nor_a_lead_can_arbitrate(string email)
    {
        var (id, disputeId) = await DisputedAsync();
        var client = await factory.SignedInAsync(email);

        var page = await client.GetAsync($"/Disputes/Arbitrate/{disputeId}");
        var post = await F.PostFormAsync(client, "/", $"/Disputes/Arbitrate/{disputeId}",
            [new("Id", disputeId.ToString()), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Upheld"), new("Items[0].Ruling", "x")]);

        Assert.Contains("AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(InspectionStatus.Disputed, await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync()));
    }
}
