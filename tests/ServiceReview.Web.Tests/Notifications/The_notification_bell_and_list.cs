using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Notifications;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Notifications;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_notification_bell_and_list(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Owner = "inspector4@demo.local";

    public static TheoryData<string> EveryRole => new() { "admin@demo.local", "manager@demo.local", "lead2@demo.local", "inspector5@demo.local" };

    private Task<DateTime?> ReadAtAsync(int id) => factory.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).FirstAsync());

    [Fact]
    public async Task The_bell_shows_the_unread_count_in_its_accessible_name()
    {
        var client = await factory.SignedInAsync(Owner);
        await factory.MarkAllReadAsync(Owner);
        Assert.Contains($"<span class=\"visually-hidden\">{Texts.Zh("Notifications.Bell.None")}</span>", await client.GetStringAsync("/"), StringComparison.Ordinal);

        await factory.NotifyAsync(Owner);
        await factory.NotifyAsync(Owner);
        var html = await client.GetStringAsync("/");

        Assert.Contains($"<span class=\"visually-hidden\">{Texts.Zh("Notifications.Bell.Unread", 2)}</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-unread=\"2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_page()
    {
        var client = await factory.SignedInAsync(Owner);
        var id = await factory.NotifyAsync(Owner, NotificationKind.Assigned, link: "/Inspections", subjectType: "Round");
        var list = await client.GetStringAsync("/Notifications");
        Assert.Contains($"action=\"/Notifications/Open/{id}\"", list, StringComparison.Ordinal);

        var response = await F.PostFormAsync(client, "/Notifications", $"/Notifications/Open/{id}", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Inspections", response.Headers.Location?.OriginalString);
        Assert.NotNull(await ReadAtAsync(id));
    }

    [Fact]
    public async Task Mark_all_read_clears_the_count()
    {
        var client = await factory.SignedInAsync(Owner);
        var id = await factory.NotifyAsync(Owner);

        var response = await F.PostFormAsync(client, "/Notifications", "/Notifications/MarkAllRead", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await ReadAtAsync(id));
        Assert.Contains($"<span class=\"visually-hidden\">{Texts.Zh("Notifications.Bell.None")}</span>", await client.GetStringAsync("/Notifications"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task Nobody_sees_or_opens_or_marks_read_another_persons_notification(string email)
    {
        var id = await factory.NotifyAsync(Owner);
        var client = await factory.SignedInAsync(email);

        var list = await client.GetStringAsync("/Notifications");
        var open = await F.PostFormAsync(client, "/Notifications", $"/Notifications/Open/{id}", []);
        var markAll = await F.PostFormAsync(client, "/Notifications", "/Notifications/MarkAllRead", []);

        Assert.DoesNotContain($"/Notifications/Open/{id}\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, markAll.StatusCode);
        Assert.Null(await ReadAtAsync(id));
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in()
    {
        await factory.EnsureDemoDataAsync();
        var response = await factory.CreateBrowser().GetAsync("/Notifications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Login", response.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
    }
}
