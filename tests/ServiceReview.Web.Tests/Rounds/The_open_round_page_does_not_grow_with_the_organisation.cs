using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

/// <summary>
/// Issue #15: the open round's page showed every team with a reassign drop-down of every candidate in each row
/// (48 MB at 500 teams). It now shows a page of teams (searchable, sortable, state in the query string) with the
/// round's totals over all teams, and reads the candidates only when a manager asks to reassign.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_open_round_page_does_not_grow_with_the_organisation(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task It_shows_a_page_of_teams_with_totals_over_all_of_them_and_no_candidate_lists()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var teams = await factory.TeamsOfNewProjectAsync("分页", 25);
        var id = await factory.OpenRoundAsync("分页测试", teams, "inspector1@demo.local", "inspector2@demo.local");

        var first = Html.Parse(await client.GetStringAsync($"/Rounds/Details/{id}"));
        Assert.Equal(20, first.QuerySelectorAll("tr[data-team-id]").Select(r => r.GetAttribute("data-team-id")).Distinct().Count());
        Assert.Equal(40, first.QuerySelectorAll("tr[data-inspection-id]").Length);
        Assert.Equal("50", first.QuerySelector("[data-total='Assigned']")?.GetAttribute("data-value"));
        Assert.Equal("0", first.QuerySelector("[data-total='submitted']")?.GetAttribute("data-value"));
        Assert.Empty(first.QuerySelectorAll("select[name='InspectorId']"));
        Assert.Equal(40, first.QuerySelectorAll("a[data-reassign-one]").Length);
        Assert.Equal(40, first.QuerySelectorAll("input[data-select-row][name='inspection'][form='reassign-several']").Length);

        var second = Html.Parse(await client.GetStringAsync($"/Rounds/Details/{id}?page=2"));
        Assert.Equal(5, second.QuerySelectorAll("tr[data-team-id]").Select(r => r.GetAttribute("data-team-id")).Distinct().Count());
        Assert.Equal("50", second.QuerySelector("[data-total='Assigned']")?.GetAttribute("data-value"));
    }

    [Fact]
    public async Task The_search_and_the_order_stay_in_the_query_string_and_the_totals_stay_whole()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var teams = await factory.TeamsOfNewProjectAsync("排序", 4);
        var id = await factory.OpenRoundAsync("排序测试", teams, "inspector1@demo.local");
        var inspections = await factory.InspectionsAsync(id);
        var last = inspections.Single(i => i.TeamId == teams[^1]);
        await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id != last.Id && i.RoundId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InspectionStatus.Submitted)));

        var found = Html.Parse(await client.GetStringAsync($"/Rounds/Details/{id}?q={Uri.EscapeDataString("排序组03")}"));
        Assert.Equal([teams[2].ToString(System.Globalization.CultureInfo.InvariantCulture)], found.QuerySelectorAll("tr[data-team-id]").Select(r => r.GetAttribute("data-team-id")).Distinct());
        Assert.Equal("3", found.QuerySelector("[data-total='submitted']")?.GetAttribute("data-value"));

        var byProgress = Html.Parse(await client.GetStringAsync($"/Rounds/Details/{id}?sort=Progress"));
        Assert.Equal(teams[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), byProgress.QuerySelector("tr[data-team-id]")?.GetAttribute("data-team-id"));
        Assert.Equal("selected", byProgress.QuerySelector("select[name='sort'] option[value='Progress']")?.GetAttribute("selected"));
        Assert.Equal("1", byProgress.QuerySelector("[data-total='Assigned']")?.GetAttribute("data-value"));

        var byName = Html.Parse(await client.GetStringAsync($"/Rounds/Details/{id}?sort=Team"));
        Assert.Equal(teams[0].ToString(System.Globalization.CultureInfo.InvariantCulture), byName.QuerySelector("tr[data-team-id]")?.GetAttribute("data-team-id"));
    }

    [Fact]
    public async Task The_details_page_runs_as_many_SQL_commands_for_25_teams_as_for_2()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var small = await factory.OpenRoundAsync("预算小", await factory.TeamsOfNewProjectAsync("预算小", 2), "inspector1@demo.local", "inspector2@demo.local");
        var large = await factory.OpenRoundAsync("预算大", await factory.TeamsOfNewProjectAsync("预算大", 25), "inspector1@demo.local", "inspector2@demo.local");
        await factory.SqlCommandsOfGetAsync(client, $"/Rounds/Details/{small}");

        var few = await factory.SqlCommandsOfGetAsync(client, $"/Rounds/Details/{small}");
        var many = await factory.SqlCommandsOfGetAsync(client, $"/Rounds/Details/{large}?size=100");

        Assert.Equal(HttpStatusCode.OK, many.Response.StatusCode);
        Assert.True(many.Count <= 10, many.Listing());
        Assert.True(many.Count == few.Count, $"2 teams: {few.Count}, 25 teams: {many.Count}{Environment.NewLine}{many.Listing()}");
    }

    [Fact]
    public async Task The_rounds_list_runs_a_few_SQL_commands_whatever_the_number_of_rounds()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        await factory.SqlCommandsOfGetAsync(client, "/Rounds");
        var before = await factory.SqlCommandsOfGetAsync(client, "/Rounds?size=100");
        var team = (await factory.TeamsOfNewProjectAsync("列表预算", 1))[0];
        for (var n = 0; n < 3; n++)
        {
            await factory.OpenRoundAsync($"列表预算{n}", [team], "inspector1@demo.local");
        }

        var after = await factory.SqlCommandsOfGetAsync(client, "/Rounds?size=100");

        Assert.Equal(HttpStatusCode.OK, after.Response.StatusCode);
        Assert.True(after.Count <= 8, $"{after.Count}{Environment.NewLine}{after.Listing()}");
        Assert.True(after.Count == before.Count, $"before: {before.Count}, after: {after.Count}{Environment.NewLine}{after.Listing()}");
    }
}

internal static partial class RoundsTestData
{
    /// <summary>A new project with <paramref name="count"/> teams named "{prefix}组1"… (no members: no conflict of interest).</summary>
    public static Task<List<int>> TeamsOfNewProjectAsync(this ServiceReviewWebFactory factory, string prefix, int count) =>
        factory.WithDbAsync(async db =>
        {
            var project = new Project(prefix + "项目" + Guid.NewGuid().ToString("N")[..6], "测试客户");
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            var teams = Enumerable.Range(1, count).Select(n => new Team(project.Id, $"{prefix}组{n:00}")).ToList();
            db.Teams.AddRange(teams);
            await db.SaveChangesAsync();
            return teams.Select(t => t.Id).ToList();
        });
}
