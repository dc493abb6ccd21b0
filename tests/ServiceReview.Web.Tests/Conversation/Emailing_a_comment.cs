using System.Net;
using System.Text.Json;
using ServiceReview.Core.Notifications;
using ServiceReview.Web.Tests.Email;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Conversation;

/// <summary>With e-mail on, a comment's notification is queued in the outbox in the same save, like every other kind.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Emailing_a_comment(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private const string I1 = "inspector1@demo.local";
    private const string Lead1 = "lead1@demo.local";

    [Fact]
    public async Task A_comment_queues_an_email_to_the_inspector_with_a_link_to_the_comment_and_none_to_its_author()
    {
        var factory = fixture.Factory;
        var id = await factory.ConversationRecordAsync(submitted: true);
        await factory.DispatchEmailAsync(); // the round's e-mails, not what this test is about
        var lead = await factory.SignedInAsync(Lead1);

        var response = await F.PostCommentAsync(lead, id, "请看第2.3项");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var commentId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var queued = Assert.Single(await factory.OutboxForAsync(I1), e => e.Purpose == nameof(NotificationKind.Commented));
        Assert.Equal(OutgoingEmailStatus.Pending, queued.Status);
        Assert.Contains($"{EmailFixture.PublicBaseUrl}inspections/{id}#comment-{commentId}", queued.TextBody, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Notifications.Kind.Commented"), queued.Subject, StringComparison.Ordinal);
        var (team, round) = await factory.TeamAndRoundOfAsync(id);
        Assert.Contains(Texts.Zh("Notifications.About.Inspection", team, round), queued.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.OutboxForAsync(Lead1), e => e.Purpose == nameof(NotificationKind.Commented));
        await factory.DispatchEmailAsync();
    }
}
