using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Security;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Conversation;

/// <summary>
/// Issue #14 item 3: comments are kept forever; their author may correct one for 15 minutes, on the app's clock (moved
/// by the test), and the audit log keeps the text before and after. Nobody else may change it.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Correcting_a_comment(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Lead1 = "lead1@demo.local";

    [Fact]
    public async Task The_author_corrects_within_15_minutes_audited_with_both_texts_and_not_after()
    {
        var clock = new MovableClock();
        var id = await factory.ConversationRecordAsync(submitted: true);
        using var app = WithClock(clock);
        var lead = await SignedInAsync(app, Lead1);
        var commentId = await CommentAsync(lead, id, "第一稿");

        clock.Advance(TimeSpan.FromMinutes(14));
        var edited = await EditAsync(lead, id, commentId, "第二稿");

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal($"/inspections/{id}#comment-{commentId}", edited.Headers.Location?.OriginalString);
        var comment = await factory.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == commentId));
        Assert.Equal("第二稿", comment.Text);
        Assert.NotNull(comment.EditedAt);
        var audit = await factory.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Comment" && a.EntityId == commentId.ToString() && a.Action == "CommentEdited"));
        Assert.Equal(("第一稿", "第二稿"), (audit.OldValue, audit.NewValue));
        Assert.Contains(Texts.Zh("Conversation.EditedMark"), Html.TextOf(await lead.GetStringAsync($"/inspections/{id}/conversation"), "[data-comment-edited]"), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(2));
        var late = await EditAsync(lead, id, commentId, "第三稿");

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("第二稿", await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.Text).SingleAsync()));
        var page = await lead.GetStringAsync($"/inspections/{id}/conversation");
        Assert.Contains(Texts.Zh("Error.Comment.EditWindowClosed", 15), page, StringComparison.Ordinal);
        Assert.Null(Html.First(page, $"[data-comment-edit='{commentId}']"));
    }

    [Fact]
    public async Task Someone_else_who_sees_the_record_cannot_change_a_comment()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var lead = await factory.SignedInAsync(Lead1);
        var commentId = await CommentAsync(lead, id, "负责人的话");
        var manager = await factory.SignedInAsync("manager@demo.local");

        Assert.Null(Html.First(await manager.GetStringAsync($"/inspections/{id}/conversation"), $"[data-comment-edit='{commentId}']"));
        var response = await EditAsync(manager, id, commentId, "经理改的");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("负责人的话", await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.Text).SingleAsync()));
        Assert.Contains(Texts.Zh("Error.Comment.NotAuthor"), await manager.GetStringAsync($"/inspections/{id}/conversation"), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityType == "Comment" && a.EntityId == commentId.ToString() && a.Action == "CommentEdited")));
    }

    [Fact]
    public async Task Someone_who_may_not_see_the_record_gets_404_for_an_edit()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var lead = await factory.SignedInAsync(Lead1);
        var commentId = await CommentAsync(lead, id, "别人看不到");
        var other = await factory.SignedInAsync("lead2@demo.local");

        var response = await EditAsync(other, id, commentId, "改掉");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("别人看不到", await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.Text).SingleAsync()));
    }

    private async Task<int> CommentAsync(HttpClient client, int id, string text)
    {
        Assert.Equal(HttpStatusCode.Created, (await F.PostCommentAsync(client, id, text)).StatusCode);
        return await factory.WithDbAsync(db => db.Comments.Where(c => c.InspectionId == id).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
    }

    private async Task<HttpResponseMessage> EditAsync(HttpClient client, int id, int commentId, string text)
    {
        var stamp = await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.ConcurrencyStamp).SingleAsync());
        return await F.PostFormAsync(client, "/", $"/inspections/{id}/comments/{commentId}/edit",
            [new("text", text), new("stamp", stamp.ToString())]);
    }

    private WebApplicationFactory<Program> WithClock(MovableClock clock) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));

    private async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> app, string email)
    {
        await factory.EnsureDemoDataAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await F.SignInAsync(client, email, F.DemoPassword)).StatusCode);
        return client;
    }
}
