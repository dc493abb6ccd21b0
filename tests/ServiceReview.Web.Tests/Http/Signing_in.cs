using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Http;

/// <summary>These need the Identity tables (migrations) and, for the demo accounts, the demo seed.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Signing_in(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("admin@demo.local", "系统管理员")]
    [InlineData("manager@demo.local", "考评经理")]
    [InlineData("inspector1@demo.local", "检查员")]
    [InlineData("lead1@demo.local", "服务组负责人")]
    public async Task With_a_demo_account_through_the_form_opens_the_home_page_for_its_role(string email, string roleName)
    {
        await factory.EnsureDemoDataAsync();
        var client = factory.CreateBrowser();

        var response = await ServiceReviewWebFactory.SignInAsync(client, email, ServiceReviewWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var home = await client.GetStringAsync("/");
        Assert.Contains(roleName, home, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Home.Attention"), home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_wrong_password_shows_the_form_again_with_a_localised_message()
    {
        await factory.CreateUserAsync("wrong-password@example.org", "Right-Password-2026", "Inspector");
        var client = factory.CreateBrowser();

        var response = await ServiceReviewWebFactory.SignInAsync(client, "wrong-password@example.org", "Wrong-Password-2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Login.Invalid"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Is_refused_to_a_disabled_account_with_a_clear_message()
    {
        await factory.CreateUserAsync("disabled@example.org", "Right-Password-2026", "Inspector", disabled: true);
        var client = factory.CreateBrowser();

        var response = await ServiceReviewWebFactory.SignInAsync(client, "disabled@example.org", "Right-Password-2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Login.Disabled"), await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Does_not_tell_a_stranger_that_an_account_is_disabled()
    {
        await factory.CreateUserAsync("disabled-quiet@example.org", "Right-Password-2026", "Inspector", disabled: true);

        var response = await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "disabled-quiet@example.org", "Wrong-Password-2026");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Matches(Texts.ZhPattern("Login.Invalid"), html);
        Assert.DoesNotMatch(Texts.ZhPattern("Login.Disabled"), html);
    }

    [Fact]
    public async Task Then_the_api_knows_the_user_and_signing_out_ends_it()
    {
        await factory.CreateUserAsync("me@example.org", "Right-Password-2026", "Manager");
        var client = factory.CreateBrowser();
        await ServiceReviewWebFactory.SignInAsync(client, "me@example.org", "Right-Password-2026");

        var me = await client.GetStringAsync("/api/me");
        Assert.Contains("\"userName\":\"me@example.org\"", me, StringComparison.Ordinal);
        Assert.Contains("\"Manager\"", me, StringComparison.Ordinal);

        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, "/");
        var logout = await client.PostAsync("/Identity/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Contains(Texts.Zh("Logout.Done"), await client.GetStringAsync("/Identity/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_gets_a_localised_404_page_for_an_unknown_address()
    {
        await factory.CreateUserAsync("lost@example.org", "Right-Password-2026", "Inspector");
        var client = factory.CreateBrowser();
        await ServiceReviewWebFactory.SignInAsync(client, "lost@example.org", "Right-Password-2026");

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(Texts.Zh("ErrorPage.NotFound.Title"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Identity/Account/Register")).StatusCode);
    }

    [Fact]
    public async Task Locks_the_account_after_five_wrong_passwords_and_says_so_only_in_the_generic_message()
    {
        await factory.CreateUserAsync("guessed@example.org", "Right-Password-2026", "Inspector");
        var client = factory.CreateBrowser();
        HttpResponseMessage response = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            response = await ServiceReviewWebFactory.SignInAsync(client, "guessed@example.org", "Wrong-Password-2026");
        }

        // The same page as for a wrong password or an unknown address (no lockout page that would tell the account exists).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Login.Invalid"), await response.Content.ReadAsStringAsync());
        var right = await ServiceReviewWebFactory.SignInAsync(client, "guessed@example.org", "Right-Password-2026");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        var (user, _) = await factory.AccountAsync("guessed@example.org");
        Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow);
    }
}
