using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Conversation;

/// <summary>
/// Issue #14 item 3: whoever may see a record may write in its conversation (the inspector, the team's lead once it is
/// submitted, managers); everyone else gets 404, as if the record did not exist, and nothing is written.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Who_may_comment_on_a_record(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("inspector1@demo.local", false)]
    [InlineData("inspector1@demo.local", true)]
    [InlineData("lead1@demo.local", true)]
    [InlineData("manager@demo.local", false)]
    [InlineData("manager@demo.local", true)]
    [InlineData("admin@demo.local", true)]
    public async Task The_inspector_the_lead_after_submission_and_managers_comment(string email, bool submitted)
    {
        var id = await factory.ConversationRecordAsync(submitted);
        var client = await factory.SignedInAsync(email);

        var response = await F.PostCommentAsync(client, id, "请补充回访记录");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var commentId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        Assert.Equal($"/inspections/{id}#comment-{commentId}", response.Headers.Location?.OriginalString);
        var person = await factory.PersonIdAsync(email);
        var stored = await factory.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == commentId));
        Assert.Equal((id, person, "请补充回访记录", (string?)null), (stored.InspectionId, stored.AuthorId, stored.Text, stored.IndicatorCode));
    }

    [Theory]
    [InlineData("inspector2@demo.local", true)]
    [InlineData("lead2@demo.local", true)]
    [InlineData("lead1@demo.local", false)]
    [InlineData("inspector2@demo.local", false)]
    public async Task Another_inspector_another_teams_lead_and_the_lead_before_submission_get_404(string email, bool submitted)
    {
        var id = await factory.ConversationRecordAsync(submitted);
        var client = await factory.SignedInAsync(email);

        var response = await F.PostCommentAsync(client, id, "看不到的记录", null, ("photo.png", F.SampleFiles.Png));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/inspections/{id}/conversation")).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attachments.CountAsync(a => a.InspectionId == id)));
    }

    [Fact]
    public async Task A_record_that_does_not_exist_is_404()
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await F.PostCommentAsync(client, 987654, "无此记录")).StatusCode);
    }

    [Fact]
    public async Task A_comment_without_the_antiforgery_token_is_refused()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync("manager@demo.local");
        using var form = new MultipartFormDataContent { { new StringContent("没有令牌"), "text" } };

        var response = await client.PostAsync($"/api/inspections/{id}/comments", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));
    }
}
