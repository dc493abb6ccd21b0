using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Who_may_manage_rounds(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    public static TheoryData<string, string, string> ForbiddenActions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var email in new[] { "inspector1@demo.local", "lead1@demo.local" })
        {
            foreach (var (method, path) in Actions)
            {
                data.Add(email, method, path);
            }
        }

        return data;
    }

    private static readonly (string Method, string Path)[] Actions =
    [
        ("GET", "/Rounds"),
        ("GET", "/Rounds/Create"),
        ("GET", "/Rounds/Details/{id}"),
        ("GET", "/Rounds/Edit/{draft}"),
        ("POST", "/Rounds/Create"),
        ("POST", "/Rounds/Edit/{draft}"),
        ("POST", "/Rounds/Open/{draft}"),
        ("POST", "/Rounds/Close/{id}"),
        ("POST", "/Rounds/Delete/{draft}"),
        ("POST", "/Rounds/Reassign/{id}"),
        ("POST", "/Rounds/Reopen/{id}"),
        ("GET", "/Rounds/Reassign/{id}?inspection=1"),
        ("POST", "/Rounds/ReassignSeveral/{id}"),
        ("POST", "/Rounds/RemindLate/{id}"),
        ("POST", "/Rounds/RemindAllLate"),
    ];

    [Theory]
    [MemberData(nameof(ForbiddenActions))]
    public async Task Inspectors_and_team_leads_are_denied_every_rounds_action_and_nothing_changes(string email, string method, string path)
    {
        var client = await factory.SignedInAsync(email);
        var (open, draft) = await RoundsAsync();
        var url = path.Replace("{id}", open.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{draft}", draft.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var inspection = (await factory.InspectionsAsync(open))[0];
        var stamp = await factory.RoundStampAsync(draft);

        var response = method == "GET"
            ? await client.GetAsync(url)
            : await ServiceReviewWebFactory.PostFormAsync(client, "/", url,
            [
                new("concurrencyStamp", stamp.ToString()), new("InspectionId", inspection.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("ConcurrencyStamp", inspection.ConcurrencyStamp.ToString()), new("Reason", "越权"), new("Name", "越权"),
            ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(RoundStatus.Draft, (await factory.RoundAsync(draft)).Status);
        Assert.Null((await factory.InspectionsAsync(open))[0].ReopenReason);
    }

    [Theory]
    [InlineData("/Rounds")]
    [InlineData("/Rounds/Create")]
    [InlineData("/Rounds/Details/1")]
    public async Task Signed_out_visitors_are_sent_to_the_login_page(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manager@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Managers_and_administrators_see_the_rounds(string email)
    {
        var client = await factory.SignedInAsync(email);

        var response = await client.GetAsync("/Rounds");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var (_, draft) = await RoundsAsync();

        var response = await client.PostAsync($"/Rounds/Open/{draft}", new FormUrlEncodedContent([new("concurrencyStamp", (await factory.RoundStampAsync(draft)).ToString())]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RoundStatus.Draft, (await factory.RoundAsync(draft)).Status);
    }

    private async Task<(int Open, int Draft)> RoundsAsync()
    {
        await factory.EnsureDemoDataAsync();
        var open = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Open).Select(r => r.Id).FirstAsync());
        var draft = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Draft).Select(r => r.Id).FirstOrDefaultAsync());
        if (draft == 0)
        {
            draft = await factory.DraftRoundAsync("权限测试草稿", [await factory.TeamIdAsync("运营支持组")], "inspector1@demo.local");
        }

        return (open, draft);
    }
}
