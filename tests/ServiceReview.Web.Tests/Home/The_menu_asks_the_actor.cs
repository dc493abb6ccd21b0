using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Home;

/// <summary>
/// The main menu and the administration tabs show each role the pages it may open; both ask the request's actor
/// (issue #16: no role check outside the actor).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_menu_asks_the_actor(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private async Task<string> PageAsync(string email, string path) => await (await factory.SignedInAsync(email)).GetStringAsync(path);

    [Fact]
    public async Task Each_role_sees_the_menu_items_of_the_pages_it_may_open()
    {
        await factory.EnsureDemoDataAsync();

        var inspector = await PageAsync("inspector1@demo.local", "/");
        var lead = await PageAsync("lead1@demo.local", "/");
        var manager = await PageAsync("manager@demo.local", "/");
        var admin = await PageAsync("admin@demo.local", "/");

        Assert.Contains("href=\"/Inspections\"", inspector, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Rounds\"", inspector, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Dashboards\"", inspector, StringComparison.Ordinal);
        Assert.Contains("href=\"/Reviews\"", lead, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Rounds\"", lead, StringComparison.Ordinal);
        Assert.Contains("href=\"/Rounds\"", manager, StringComparison.Ordinal);
        Assert.Contains("href=\"/Dashboards\"", manager, StringComparison.Ordinal);
        Assert.Contains("href=\"/Projects\"", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/People\"", manager, StringComparison.Ordinal);
        Assert.Contains("href=\"/People\"", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/Rounds\"", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Projects\"", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_administrator_sees_the_import_email_and_audit_tabs()
    {
        await factory.EnsureDemoDataAsync();

        var manager = await PageAsync("manager@demo.local", "/Projects");
        var admin = await PageAsync("admin@demo.local", "/Projects");

        Assert.Contains("href=\"/Teams\"", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/People/Import\"", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Audit\"", manager, StringComparison.Ordinal);
        Assert.Contains("href=\"/People/Import\"", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/Email\"", admin, StringComparison.Ordinal);
        Assert.Contains("href=\"/Audit\"", admin, StringComparison.Ordinal);
    }
}
