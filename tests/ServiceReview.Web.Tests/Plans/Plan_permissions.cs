using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Plans;

/// <summary>Only managers and administrators author plans: everyone else is refused and nothing changes.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Plan_permissions(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    public static TheoryData<string, string> PagesAndRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var email in new[] { "inspector1@demo.local", "lead1@demo.local" })
        {
            foreach (var page in new[] { "/plans", "/plans/{v1}", "/plans/{v1}/edit", "/plans/{v1}/export", "/plans/template", "/plans/import", "/plans/compare?left={v1}&right={v1}" })
            {
                data.Add(email, page);
            }
        }

        return data;
    }

    public static TheoryData<string, string> ActionsAndRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var email in new[] { "inspector1@demo.local", "lead1@demo.local" })
        {
            foreach (var action in new[] { "copy", "publish", "retire", "delete", "categories/add", "categories/change", "indicators/save", "indicators/remove", "categories/move" })
            {
                data.Add(email, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndRoles))]
    public async Task Inspectors_and_team_leads_cannot_open_the_plan_pages(string email, string page)
    {
        var client = await factory.SignedInAsync(email);
        var v1 = await factory.DefaultPlanVersionIdAsync();

        var response = await client.GetAsync(page.Replace("{v1}", v1.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ActionsAndRoles))]
    public async Task Inspectors_and_team_leads_cannot_change_plans(string email, string action)
    {
        var client = await factory.SignedInAsync(email);
        var v1 = await factory.DefaultPlanVersionIdAsync();
        var stamp = (await factory.LoadPlanVersionAsync(v1)).ConcurrencyStamp.ToString();
        var audit = await factory.WithDbAsync(db => db.AuditLog.CountAsync());

        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/plans/{v1}/{action}", new Dictionary<string, string>
        {
            ["stamp"] = stamp,
            ["Stamp"] = stamp,
            ["code"] = "1",
            ["Code"] = "1",
            ["Name"] = "x",
            ["Weight"] = "1",
            ["CategoryCode"] = "1",
            ["Kind"] = "Check",
            ["Max"] = "1",
            ["offset"] = "1",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(audit, await factory.WithDbAsync(db => db.AuditLog.CountAsync()));
        Assert.Equal(stamp, (await factory.LoadPlanVersionAsync(v1)).ConcurrencyStamp.ToString());
    }

    [Theory]
    [InlineData("inspector1@demo.local")]
    [InlineData("lead1@demo.local")]
    public async Task The_import_api_answers_403_outside_the_role(string email)
    {
        var client = await factory.SignedInAsync(email);
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, "/");
        using var content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/plans/import") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_import_api_answers_401_when_signed_out()
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };

        var response = await factory.CreateBrowser().PostAsync("/api/plans/import", content);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, response.StatusCode.ToString());
    }

    [Theory]
    [InlineData("manager@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task An_unknown_version_is_404_for_every_page_and_action_and_changes_nothing(string email)
    {
        var client = await factory.SignedInAsync(email);
        var audit = await factory.WithDbAsync(db => db.AuditLog.CountAsync());

        foreach (var page in new[] { "/plans/99999", "/plans/99999/edit", "/plans/99999/export", "/plans/compare?left=99999&right=1", "/plans/99999/indicators/edit?code=1.1" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
        }

        foreach (var action in new[] { "copy", "publish", "retire", "delete", "categories/move" })
        {
            var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/plans/99999/{action}", new Dictionary<string, string> { ["stamp"] = Guid.NewGuid().ToString(), ["code"] = "1", ["offset"] = "1" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(audit, await factory.WithDbAsync(db => db.AuditLog.CountAsync()));
    }
}
