using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Reviewing_an_inspection(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private async Task<int> SubmittedInspectionOfLead1TeamAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local"] });
        var id = round[F.Lead1Team, "inspector1@demo.local"];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        return id;
    }

    [Fact]
    public async Task The_lead_sees_the_submitted_inspection_with_every_indicator_points_evidence_and_total()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var index = await lead.GetStringAsync("/Reviews");
        var page = await lead.GetStringAsync($"/Reviews/Review/{id}");

        Assert.Contains($"/Reviews/Review/{id}", index, StringComparison.Ordinal);
        Assert.Contains("73.1", page, StringComparison.Ordinal);
        Assert.Contains("合格", page, StringComparison.Ordinal);
        Assert.Contains("客户回访均表示满意", page, StringComparison.Ordinal);
        Assert.Contains("row-5.3", page, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Review.Confirm.Button"), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_makes_the_inspection_confirmed_and_writes_one_audit_entry()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var stamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{id}"));

        var response = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Confirm", [new("id", id.ToString()), new("stamp", stamp)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (status, audits) = await factory.WithDbAsync(async db => (
            await db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync(),
            await db.AuditLog.Where(a => a.EntityType == "Inspection" && a.EntityId == id.ToString() && a.Action == "Confirmed").ToListAsync()));
        Assert.Equal(InspectionStatus.Confirmed, status);
        var audit = Assert.Single(audits);
        Assert.Equal(await factory.NameOfAsync("lead1@demo.local"), audit.ActorName);
        Assert.Equal("Submitted", audit.OldValue);
    }

    [Fact]
    public async Task Confirming_twice_makes_one_transition_and_says_so_kindly()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var stamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{id}"));

        await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Confirm", [new("id", id.ToString()), new("stamp", stamp)]);
        var second = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Confirm", [new("id", id.ToString()), new("stamp", stamp)]);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Matches(Texts.ZhPattern("Reviews.AlreadyReviewed"), await lead.GetStringAsync(second.Headers.Location!.OriginalString));
        var count = await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == "Inspection" && a.EntityId == id.ToString() && a.Action == "Confirmed"));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Disputing_named_indicators_with_reasons_stores_the_dispute_and_leaves_untouched_rows_out()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var stamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{id}"));

        var response = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Dispute",
        [
            new("Id", id.ToString()), new("Stamp", stamp),
            new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Reason", "延误由客户变更需求造成"),
            new("Items[1].Code", "3.2"), new("Items[1].Reason", "  "),
        ]);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var (status, dispute) = await factory.WithDbAsync(async db => (
            await db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync(),
            await db.Disputes.Include(d => d.Items).FirstAsync(d => d.InspectionId == id)));
        Assert.Equal(InspectionStatus.Disputed, status);
        var item = Assert.Single(dispute.Items);
        Assert.Equal("5.3", item.IndicatorCode);
        Assert.Equal("延误由客户变更需求造成", item.Reason);
    }

    [Fact]
    public async Task A_dispute_without_a_reason_is_refused_and_nothing_changes()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var stamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{id}"));

        var response = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Dispute",
            [new("Id", id.ToString()), new("Stamp", stamp), new("Items[0].Code", "5.3"), new("Items[0].Selected", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Reviews.Dispute.ReasonRequired"), await response.Content.ReadAsStringAsync());
        Assert.Equal(InspectionStatus.Submitted, await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync()));
    }

    [Fact]
    public async Task The_lead_of_another_team_can_neither_see_nor_confirm_nor_dispute()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var other = await factory.SignedInAsync("lead2@demo.local");

        var page = await other.GetAsync($"/Reviews/Review/{id}");
        var confirm = await F.PostFormAsync(other, "/Reviews", "/Reviews/Confirm", [new("id", id.ToString()), new("stamp", Guid.Empty.ToString())]);
        var dispute = await F.PostFormAsync(other, "/Reviews", "/Reviews/Dispute",
            [new("Id", id.ToString()), new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Reason", "x")]);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dispute.StatusCode);
        Assert.DoesNotContain($"/Reviews/Review/{id}\"", await other.GetStringAsync("/Reviews"), StringComparison.Ordinal);
        Assert.Equal(InspectionStatus.Submitted, await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync()));
    }

    [Fact]
    public async Task An_inspector_is_refused_the_review_pages()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var inspector = await factory.SignedInAsync("inspector1@demo.local");

        var response = await inspector.GetAsync($"/Reviews/Review/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_the_review_page_redirects_to_the_login()
    {
        var response = await factory.CreateBrowser().GetAsync("/Reviews");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_stamp_gets_the_conflict_message_instead_of_a_silent_overwrite()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var stale = Guid.NewGuid().ToString();

        var response = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Confirm", [new("id", id.ToString()), new("stamp", stale)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("请刷新页面", await lead.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(InspectionStatus.Submitted, await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync()));
    }
}
