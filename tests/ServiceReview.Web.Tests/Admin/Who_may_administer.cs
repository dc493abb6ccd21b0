using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Admin;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Who_may_administer(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    /// <summary>Every administration action, and whether a manager may use it (on a project they manage: see Manager_scopes).</summary>
    private static readonly (string Method, string Path, bool ManagerMay)[] Actions =
    [
        ("GET", "/People", true),
        ("GET", "/People/Create", false),
        ("POST", "/People/Create", false),
        ("GET", "/People/Edit/{person}", true),
        ("POST", "/People/Edit/{person}", false),
        ("POST", "/People/Disable/{person}", false),
        ("POST", "/People/Enable/{person}", false),
        ("POST", "/People/ResetPassword/{person}", false),
        ("GET", "/People/Import", false),
        ("POST", "/People/Import", false),
        ("GET", "/People/Template", false),
        ("GET", "/Projects", true),
        ("GET", "/Projects/Create", false),
        ("POST", "/Projects/Create", false),
        ("GET", "/Projects/Edit/{project}", true),
        ("POST", "/Projects/Edit/{project}", true),
        ("GET", "/Teams", true),
        ("GET", "/Teams/Create", true),
        ("POST", "/Teams/Create", true),
        ("GET", "/Teams/Edit/{team}", true),
        ("POST", "/Teams/Edit/{team}", true),
    ];

    public static TheoryData<string, string, string> ForbiddenActions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var email in new[] { "manager@demo.local", "inspector1@demo.local", "lead1@demo.local" })
        {
            foreach (var (method, path, managerMay) in Actions.Where(a => !(a.ManagerMay && email.StartsWith("manager", StringComparison.Ordinal))))
            {
                data.Add(email, method, path);
            }
        }

        return data;
    }

    public static TheoryData<string> Gets() => [.. Actions.Where(a => a.Method == "GET").Select(a => a.Path)];

    [Theory]
    [MemberData(nameof(ForbiddenActions))]
    public async Task Inspectors_and_team_leads_are_denied_every_administration_action_and_managers_every_account_action_and_nothing_changes(string email, string method, string path)
    {
        var client = await factory.SignedInAsync(email);
        var url = await UrlAsync(path);
        var auditBefore = await factory.WithDbAsync(db => db.AuditLog.CountAsync());

        var response = method == "GET"
            ? await client.GetAsync(url)
            : await ServiceReviewWebFactory.PostFormAsync(client, "/", url,
            [
                new("DisplayName", "越权"), new("Email", "intruder@example.org"), new("Name", "越权"), new("Customer", "越权"),
                new("ProjectId", "1"), new("version", "0"), new("Roles", "Admin"), new("HasAccount", "true"),
                new("FirstResponseHours", "1"), new("ResolutionHours", "1"), new("ArchiveHours", "1"),
            ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/Identity/Account/AccessDenied", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(auditBefore, await factory.WithDbAsync(db => db.AuditLog.CountAsync()));
        Assert.Null(await factory.PersonByEmailAsync("intruder@example.org"));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Name == "越权")));
    }

    [Theory]
    [MemberData(nameof(Gets))]
    public async Task Signed_out_visitors_are_sent_to_the_login_page(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(await UrlAsync(path));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_visitors_cannot_reach_the_change_password_page()
    {
        var response = await factory.CreateBrowser().GetAsync("/Account/ChangePassword");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin@demo.local", "/People")]
    [InlineData("manager@demo.local", "/Projects")]
    [InlineData("inspector1@demo.local", null)]
    [InlineData("lead1@demo.local", null)]
    public async Task Administrators_and_managers_see_Administration_in_the_menu_leading_to_what_they_may_use(string email, string? link)
    {
        var client = await factory.SignedInAsync(email);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Equal(link == "/People", html.Contains("href=\"/People\"", StringComparison.Ordinal));
        Assert.Equal(link == "/Projects", html.Contains("href=\"/Projects\"", StringComparison.Ordinal));
    }

    private async Task<string> UrlAsync(string path)
    {
        await factory.EnsureDemoDataAsync();
        var person = await factory.PersonIdAsync("inspector2@demo.local");
        var (project, team) = await factory.WithDbAsync(async db =>
        {
            var t = await db.Teams.OrderBy(x => x.Id).FirstAsync();
            return (t.ProjectId, t.Id);
        });
        return path.Replace("{person}", person.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{project}", project.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{team}", team.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
