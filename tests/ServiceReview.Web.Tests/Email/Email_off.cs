using Microsoft.EntityFrameworkCore;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Email;

/// <summary>Without <c>Email:Smtp:Host</c> the app behaves as before e-mail existed.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Email_off(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Without_a_host_a_notification_queues_no_email_and_the_dispatcher_does_nothing()
    {
        await factory.EnsureDemoDataAsync();

        await factory.NotifyAsync("lead1@demo.local");

        Assert.NotEmpty(await factory.NotificationsOfAsync("lead1@demo.local"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutgoingEmails.CountAsync()));
        Assert.Equal(DispatchResult.None, await factory.DispatchEmailAsync());
    }

    [Fact]
    public async Task The_settings_page_says_email_is_not_set_up_and_the_admin_page_says_it_is_off()
    {
        var lead = await factory.SignedInAsync("lead1@demo.local");
        Assert.Matches(Texts.ZhPattern("Email.Settings.NotConfigured"), await lead.GetStringAsync("/Notifications/Settings"));

        var admin = await factory.SignedInAsync("admin@demo.local");
        Assert.Contains(Texts.Zh("Email.Admin.Off"), await admin.GetStringAsync("/Email"));
        var sent = await ServiceReviewWebFactory.PostFormAsync(admin, "/Email", "/Email/SendTest", []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutgoingEmails.CountAsync()));
    }

    [Fact]
    public async Task The_settings_page_needs_a_signed_in_user()
    {
        var anonymous = factory.CreateBrowser();
        var response = await anonymous.GetAsync("/Notifications/Settings");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.ToString());
    }
}
