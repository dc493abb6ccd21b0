using System.Net;
using System.Text.Json;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_rounds_and_teams_api(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Lists_every_round_with_plan_version_status_and_aggregation()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var draft = await factory.DraftRoundAsync("接口草稿", [await factory.TeamIdAsync("运营支持组")], "inspector1@demo.local");

        var response = await client.GetAsync("/api/rounds");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rounds = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(9, rounds.Count);
        Assert.All(rounds, r => Assert.Equal(["id", "name", "planVersionId", "status", "aggregation"], r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(7, rounds.Count(r => r.GetProperty("status").GetString() == "Closed"));
        Assert.Equal(1, rounds.Count(r => r.GetProperty("status").GetString() == "Open"));
        var mine = rounds.Single(r => r.GetProperty("id").GetInt32() == draft);
        Assert.Equal(("接口草稿", "Draft", "TrimmedMean"), (mine.GetProperty("name").GetString(), mine.GetProperty("status").GetString(), mine.GetProperty("aggregation").GetString()));
        Assert.Equal(JsonValueKind.Number, mine.GetProperty("planVersionId").ValueKind);
        Assert.Contains(rounds, r => r.GetProperty("aggregation").GetString() == "Mean");
    }

    [Fact]
    public async Task Lists_every_team_with_its_project_and_its_lead_s_email()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Admin);

        var response = await client.GetAsync("/api/teams");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var teams = json.RootElement.EnumerateArray().ToList();
        Assert.True(teams.Count >= 5);
        Assert.All(teams, t => Assert.Equal(["id", "name", "project", "lead"], t.EnumerateObject().Select(p => p.Name)));
        var first = teams.Single(t => t.GetProperty("name").GetString() == "园区客服一组");
        Assert.Equal(("华东智慧园区运维项目", "lead1@demo.local"), (first.GetProperty("project").GetString(), first.GetProperty("lead").GetString()));
        Assert.Equal("lead2@demo.local", teams.Single(t => t.GetProperty("name").GetString() == "园区客服二组").GetProperty("lead").GetString());
        Assert.Equal(JsonValueKind.Null, teams.Single(t => t.GetProperty("name").GetString() == "运营支持组").GetProperty("lead").ValueKind);
    }

    [Theory]
    [InlineData("/api/rounds", "inspector1@demo.local")]
    [InlineData("/api/rounds", "lead1@demo.local")]
    [InlineData("/api/teams", "inspector1@demo.local")]
    [InlineData("/api/teams", "lead2@demo.local")]
    public async Task Other_roles_get_403(string path, string email)
    {
        var client = await factory.SignedInAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/rounds")]
    [InlineData("/api/teams")]
    public async Task Signed_out_calls_get_401(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
