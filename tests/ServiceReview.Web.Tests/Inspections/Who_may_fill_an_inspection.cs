using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Inspections;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Who_may_fill_an_inspection(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("lead1@demo.local")]
    [InlineData("manager@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Other_roles_are_refused_every_page_of_the_inspector(string email)
    {
        var id = await factory.TakeOpenInspectionAsync("inspector1@demo.local");
        var client = await factory.SignedInAsync(email);

        foreach (var path in new[] { "/Inspections", $"/Inspections/Fill/{id}" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        // The old read-only page leads to the record page, which decides: the lead sees nothing before submission,
        // managers and administrators see every record.
        var details = await client.GetAsync($"/Inspections/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, details.StatusCode);
        Assert.Equal($"/inspections/{id}", details.Headers.Location!.ToString());
        var record = await client.GetAsync($"/inspections/{id}");
        Assert.Equal(email.StartsWith("lead", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK, record.StatusCode);

        var token = ServiceReviewWebFactory.FormTokenOf(await (await client.GetAsync("/Identity/Account/AccessDenied")).Content.ReadAsStringAsync());
        var post = await client.PostAsync($"/Inspections/Fill/{id}", FormFields.WorkedExample().Content(token, Guid.Empty.ToString(), "submit"));
        Assert.StartsWith("/Identity/Account/AccessDenied", post.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var draft = await Filling_an_inspection.PostDraftAsync(client, id, FormFields.WorkedExample().Content(token, Guid.Empty.ToString(), null));
        Assert.Equal(HttpStatusCode.Forbidden, draft.StatusCode);
        Assert.Equal(InspectionStatus.Assigned, await StatusAsync(id));
    }

    [Fact]
    public async Task Another_inspectors_record_is_not_found_and_nothing_changes()
    {
        var theirs = await factory.TakeOpenInspectionAsync("inspector2@demo.local");
        var mine = await factory.TakeOpenInspectionAsync("inspector5@demo.local");
        var client = await factory.SignedInAsync("inspector5@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{mine}");
        var token = ServiceReviewWebFactory.FormTokenOf(html);
        var stamp = await factory.WithDbAsync(async db => (await db.Inspections.FirstAsync(i => i.Id == theirs)).ConcurrencyStamp.ToString());
        var audit = await factory.WithDbAsync(db => db.AuditLog.CountAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Inspections/Fill/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ServiceReviewWebFactory.GetFollowingAsync(client, $"/Inspections/Details/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/Inspections/Fill/{theirs}", FormFields.WorkedExample().Content(token, stamp, "submit"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/Inspections/Fill/{theirs}", FormFields.WorkedExample().Content(token, stamp, "draft"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Filling_an_inspection.PostDraftAsync(client, theirs, FormFields.WorkedExample().Content(token, stamp, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Inspections/Fill/999999")).StatusCode);

        Assert.Equal(InspectionStatus.Assigned, await StatusAsync(theirs));
        Assert.Equal(audit, await factory.WithDbAsync(db => db.AuditLog.CountAsync()));
        Assert.DoesNotContain($"data-inspection=\"{theirs}\"", await client.GetStringAsync("/Inspections"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_the_login_page_and_the_draft_endpoint_answers_401()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector3@demo.local");
        var client = factory.CreateBrowser();

        var page = await client.GetAsync($"/Inspections/Fill/{id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/Identity/Account/Login", (await client.GetAsync("/Inspections")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        var token = ServiceReviewWebFactory.FormTokenOf(await client.GetStringAsync("/Identity/Account/Login"));
        var draft = await Filling_an_inspection.PostDraftAsync(client, id, new FormFields().Content(token, Guid.Empty.ToString(), null));
        Assert.Equal(HttpStatusCode.Unauthorized, draft.StatusCode);
    }

    [Fact]
    public async Task A_record_cannot_be_submitted_after_the_window_closed_but_the_draft_is_kept()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector4@demo.local");
        var client = await factory.SignedInAsync("inspector4@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var roundId = await factory.WithDbAsync(async db => (await db.Inspections.FirstAsync(i => i.Id == id)).RoundId);
        var (opens, closes) = await factory.WithDbAsync(async db =>
        {
            var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == roundId);
            return (round.WindowOpensAt, round.WindowClosesAt);
        });
        await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.WindowOpensAt, DateTime.UtcNow.AddDays(-10)).SetProperty(r => r.WindowClosesAt, DateTime.UtcNow.AddDays(-1))));
        try
        {
            var response = await client.PostAsync($"/Inspections/Fill/{id}", FormFields.WorkedExample()
                .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "submit"));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Matches(Texts.ZhPattern("Inspections.Fill.WindowClosed"), await response.Content.ReadAsStringAsync());
            var saved = await factory.WithDbAsync(db => db.Inspections.AsNoTracking().FirstAsync(i => i.Id == id));
            Assert.Equal(InspectionStatus.InProgress, saved.Status);
            Assert.Null(saved.SubmittedAt);
            Assert.Contains(Texts.Zh("Inspections.Overdue"), await client.GetStringAsync("/Inspections"), StringComparison.Ordinal);
        }
        finally
        {
            await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.WindowOpensAt, opens).SetProperty(r => r.WindowClosesAt, closes)));
        }
    }

    private Task<InspectionStatus> StatusAsync(int id) =>
        factory.WithDbAsync(async db => (await db.Inspections.AsNoTracking().FirstAsync(i => i.Id == id)).Status);
}
