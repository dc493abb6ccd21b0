using System.Net;
using System.Text.Json;
using ServiceReview.Core.Notifications;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Conversation;

/// <summary>
/// Issue #14 item 3: each comment tells the other participants of the record's conversation (in the app, and by e-mail
/// through the outbox like every notification), never its author; the link opens the comment on the record.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Telling_the_participants(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string Lead1 = "lead1@demo.local";
    private const string Manager = "manager@demo.local";
    private const string Admin = "admin@demo.local";

    [Fact]
    public async Task The_leads_comment_tells_the_inspector_and_the_manager_who_ruled_but_not_the_lead()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        await factory.DisputeAndChangeAsync(id, "2.3", "有依据", "优秀", "同意调整");
        var lead = await factory.SignedInAsync(Lead1);

        var commentId = await CommentAsync(lead, id, "裁决后补充说明");

        var link = $"/inspections/{id}#comment-{commentId}";
        var told = Assert.Single(Commented(await factory.NotificationsOfAsync(I1), id));
        Assert.Equal(link, told.Link);
        Assert.Single(Commented(await factory.NotificationsOfAsync(Manager), id), n => n.Link == link);
        Assert.Empty(Commented(await factory.NotificationsOfAsync(Lead1), id));
        Assert.Empty(Commented(await factory.NotificationsOfAsync(Admin), id));

        // The list names the team and the round, not a number.
        var (team, round) = await factory.TeamAndRoundOfAsync(id);
        var inspector = await factory.SignedInAsync(I1);
        var list = await inspector.GetStringAsync("/Notifications");
        Assert.Contains(Html.All(list, "[data-notification-about]"), e => e.TextContent.Trim() == Texts.Zh("Notifications.About.Inspection", team, round));
    }

    [Fact]
    public async Task The_inspectors_comment_before_submission_tells_nobody_else_and_a_managers_later_comment_is_told_back()
    {
        var id = await factory.ConversationRecordAsync(submitted: false);
        var inspector = await factory.SignedInAsync(I1);

        await CommentAsync(inspector, id, "先记一笔");

        Assert.Empty(Commented(await factory.NotificationsOfAsync(Lead1), id));
        Assert.Empty(Commented(await factory.NotificationsOfAsync(Manager), id));

        var manager = await factory.SignedInAsync(Manager);
        await CommentAsync(manager, id, "经理的问题");
        Assert.Single(Commented(await factory.NotificationsOfAsync(I1), id));
        Assert.Empty(Commented(await factory.NotificationsOfAsync(Lead1), id));

        // The manager has taken part now: the inspector's answer tells them.
        await CommentAsync(inspector, id, "回答经理");
        Assert.Single(Commented(await factory.NotificationsOfAsync(Manager), id));
        Assert.Single(Commented(await factory.NotificationsOfAsync(I1), id));
    }

    private static IEnumerable<Notification> Commented(IEnumerable<Notification> all, int inspectionId) =>
        all.Where(n => n.Kind == NotificationKind.Commented && n.SubjectId == inspectionId);

    private static async Task<int> CommentAsync(HttpClient client, int id, string text)
    {
        var response = await F.PostCommentAsync(client, id, text);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }
}
