using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// Text that users (or strangers at the sign-in form) store is shown as text, never as markup: Razor encodes it, and
/// the CSP would refuse an inline script anyway. Proved where an outsider's input reaches an administrator's page (a
/// failed sign-in's address on the audit page) and where a manager's reaches everyone (a plan's name and description).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Stored_text_is_never_markup(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Payload = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'";

    private static void AssertShownAsText(string html)
    {
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror=alert", html.Replace("&lt;img src=x onerror=alert", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strangers_sign_in_address_is_text_on_the_administrators_audit_page()
    {
        await factory.EnsureDemoDataAsync();
        // The form checks that it looks like an address (one @), so the script sits before the @.
        await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "<script>alert(1)</script>@x.test", "Some-Password-123");
        var admin = await factory.SignedInWithAsync("admin@demo.local", ServiceReviewWebFactory.DemoPassword);

        AssertShownAsText(await admin.GetStringAsync("/Audit?kind=SignInFailed"));
    }

    [Fact]
    public async Task A_plans_name_and_description_are_text_on_the_plan_pages()
    {
        await factory.EnsureDemoDataAsync();
        var manager = await factory.SignedInWithAsync("manager@demo.local", ServiceReviewWebFactory.DemoPassword);

        var created = await ServiceReviewWebFactory.PostFormAsync(manager, "/plans", "/plans/create", new Dictionary<string, string>
        {
            ["NewPlan.Name"] = "方案" + Payload,
            ["NewPlan.Description"] = "说明" + Payload,
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        AssertShownAsText(await manager.GetStringAsync(created.Headers.Location));
        AssertShownAsText(await manager.GetStringAsync("/plans"));
    }
}
