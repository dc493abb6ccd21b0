using System.Globalization;
using System.Net;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Notifications;

/// <summary>
/// Issue #17: a notification that asked its reader to act stops looking like a to-do once the inspection no longer
/// waits for them (a review once confirmed, a dispute once ruled, an assignment once submitted): it shows "handled".
/// </summary>
public sealed class A_handled_notification_stops_asking
{
    [Theory]
    [InlineData(NotificationKind.Assigned, InspectionStatus.Assigned, false)]
    [InlineData(NotificationKind.Assigned, InspectionStatus.InProgress, false)]
    [InlineData(NotificationKind.Assigned, InspectionStatus.Submitted, true)]
    [InlineData(NotificationKind.Overdue, InspectionStatus.Confirmed, true)]
    [InlineData(NotificationKind.SubmittedForReview, InspectionStatus.Submitted, false)]
    [InlineData(NotificationKind.SubmittedForReview, InspectionStatus.Confirmed, true)]
    [InlineData(NotificationKind.SubmittedForReview, InspectionStatus.Disputed, true)]
    [InlineData(NotificationKind.Disputed, InspectionStatus.Disputed, false)]
    [InlineData(NotificationKind.Disputed, InspectionStatus.Confirmed, true)]
    [InlineData(NotificationKind.Ruled, InspectionStatus.Confirmed, false)]
    [InlineData(NotificationKind.Commented, InspectionStatus.Submitted, false)]
    public void A_to_do_is_handled_once_the_inspection_has_moved_on(NotificationKind kind, InspectionStatus status, bool handled) =>
        Assert.Equal(handled, NotificationService.IsHandled(kind, status));

    /// <summary>The notifications page, against the database.</summary>
    [Trait(Needs.Trait, Needs.Migrations)]
    public sealed class On_the_page(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
    {
        private const string Lead1 = "lead1@demo.local";
        private const string I1 = "inspector1@demo.local";

        [Fact]
        public async Task A_review_notification_shows_handled_after_the_lead_confirms_and_not_before()
        {
            var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
            var id = round[F.Lead1Team, I1];
            await factory.SubmitAsync(id, F.Inputs.WorkedExample());
            var notification = await factory.NotifyAsync(Lead1, NotificationKind.SubmittedForReview, $"/Reviews/Review/{id}", "Inspection", id);
            var lead = await factory.SignedInAsync(Lead1);
            var selector = $"[data-notification=\"{notification}\"]";

            var before = Html.First(await lead.GetStringAsync("/Notifications"), selector);
            Assert.NotNull(before);
            Assert.Null(before.QuerySelector("[data-handled]"));
            Assert.DoesNotContain(Texts.Zh("Notifications.Handled"), before.TextContent, StringComparison.Ordinal);

            var review = await lead.GetStringAsync($"/Reviews/Review/{id}");
            var confirmed = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Confirm",
                [new("id", id.ToString(CultureInfo.InvariantCulture)), new("stamp", F.StampOf(review))]);
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

            var after = Html.First(await lead.GetStringAsync("/Notifications"), selector);
            Assert.NotNull(after);
            Assert.Equal(Texts.Zh("Notifications.Handled"), after.QuerySelector("[data-handled]")?.TextContent.Trim());
        }
    }
}
