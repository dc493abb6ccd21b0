using System.Net;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Notifications;

/// <summary>
/// Issue #14: a notification about one inspection opens its record (<c>/inspections/{id}</c>) unless the reader still
/// acts elsewhere (the lead's review while it is submitted). The link is decided when it is read, so notifications
/// stored before the record page existed lead there too.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Notifications_about_an_inspection_lead_to_its_record(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Lead1 = "lead1@demo.local";
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";

    private static async Task<string?> OpenAsync(HttpClient client, int notificationId)
    {
        var response = await F.PostFormAsync(client, "/Notifications", $"/Notifications/Open/{notificationId}", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    [Fact]
    public async Task An_old_ruled_notification_stored_with_the_reviews_list_opens_the_record()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var id = round[F.Lead1Team, I1];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample(), confirm: true);
        var notification = await factory.NotifyAsync(Lead1, NotificationKind.Ruled, "/Reviews", "Inspection", id);
        var lead = await factory.SignedInAsync(Lead1);

        var item = Html.First(await lead.GetStringAsync("/Notifications"), $"[data-notification=\"{notification}\"]");

        Assert.Equal($"/inspections/{id}", item?.GetAttribute("data-link"));
        Assert.Equal($"/inspections/{id}", await OpenAsync(lead, notification));
    }

    [Fact]
    public async Task The_leads_review_notification_opens_the_review_while_submitted_and_the_record_once_confirmed()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] });
        var waiting = round[F.Lead1Team, I1];
        var confirmed = round[F.Lead1Team, I2];
        await factory.SubmitAsync(waiting, F.Inputs.WorkedExample());
        await factory.SubmitAsync(confirmed, F.Inputs.WorkedExample(), confirm: true);
        var toReview = await factory.NotifyAsync(Lead1, NotificationKind.SubmittedForReview, $"/Reviews/Review/{waiting}", "Inspection", waiting);
        var reviewed = await factory.NotifyAsync(Lead1, NotificationKind.SubmittedForReview, $"/Reviews/Review/{confirmed}", "Inspection", confirmed);
        var lead = await factory.SignedInAsync(Lead1);

        Assert.Equal($"/Reviews/Review/{waiting}", await OpenAsync(lead, toReview));
        Assert.Equal($"/inspections/{confirmed}", await OpenAsync(lead, reviewed));
    }
}
