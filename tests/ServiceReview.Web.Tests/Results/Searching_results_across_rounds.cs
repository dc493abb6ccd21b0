using System.Net;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Results;

/// <summary>
/// Issue #17 item 9: team results across rounds filtered by team, project, grade and period, the filter in the address
/// (so it can be bookmarked and shared), a page at a time; and the round results page in pages, searchable and sortable.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Searching_results_across_rounds(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";

    [Fact]
    public async Task A_manager_filters_results_across_rounds_by_team_grade_and_period_and_the_address_keeps_the_filter()
    {
        var teams = new Dictionary<string, string[]> { [F.Lead1Team] = [I1] };
        var first = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, teams, null, new DateOnly(2034, 1, 1));
        var second = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, teams, null, new DateOnly(2034, 2, 1));
        await factory.SubmitAsync(first[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(second[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        var manager = await factory.SignedInAsync("manager@demo.local");
        var period = "from=2034-01-01&to=2034-12-31";

        var both = await manager.GetStringAsync($"/Results/Search?q={Uri.EscapeDataString(F.Lead1Team)}&{period}");
        var excellent = await manager.GetStringAsync($"/Results/Search?q={Uri.EscapeDataString(F.Lead1Team)}&grade={Uri.EscapeDataString("优秀")}&{period}");

        Assert.Equal([second.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture), first.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Html.All(both, "tr[data-result-round]").Select(r => r.GetAttribute("data-result-round")));
        var row = Assert.Single(Html.All(excellent, "tr[data-result-round]"));
        Assert.Equal(second.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetAttribute("data-result-round"));
        Assert.Equal("100.0", row.QuerySelector("[data-team-total]")!.GetAttribute("data-team-total"));
        // The page's form carries the filter it was opened with: the address is the filter.
        Assert.Equal(F.Lead1Team, Html.AttributeOf(excellent, "#q", "value"));
        Assert.Equal("2034-01-01", Html.AttributeOf(excellent, "#from", "value"));
        Assert.Equal("优秀", Html.AttributeOf(excellent, "#grade option[selected]", "value"));
        Assert.Empty(Html.All(await manager.GetStringAsync($"/Results/Search?q={Uri.EscapeDataString(F.Lead1Team)}&grade=none&{period}"), "tr[data-result-round]"));
    }

    [Fact]
    public async Task Only_managers_and_administrators_search_results_across_rounds()
    {
        await factory.EnsureDemoDataAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var response = await lead.GetAsync("/Results/Search");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var manager = await factory.SignedInAsync("manager@demo.local");
        Assert.NotNull(Html.First(await manager.GetStringAsync("/Results"), "a[data-results-search-link]"));
    }

    [Fact]
    public async Task The_round_results_page_shows_a_page_of_teams_with_the_round_s_totals_over_all_of_them()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1],
            [F.Lead2Team] = [I1],
            ["政务云热线组"] = ["inspector4@demo.local"],
        }, null, new DateOnly(2035, 1, 1));
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), confirm: true);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var all = await manager.GetStringAsync($"/Results/Round/{round.RoundId}");
        var searched = await manager.GetStringAsync($"/Results/Round/{round.RoundId}?q={Uri.EscapeDataString(F.Lead2Team)}");
        var byTeam = await manager.GetStringAsync($"/Results/Round/{round.RoundId}?sort=-team");

        Assert.Equal("3", Html.AttributeOf(all, "[data-round-figures]", "data-teams-total"));
        Assert.Equal("2", Html.AttributeOf(all, "[data-round-figures]", "data-teams-with-result"));
        Assert.Equal(3, Html.All(all, "tr[data-team]").Count);
        var only = Assert.Single(Html.All(searched, "tr[data-team]"));
        Assert.Equal("73.1", only.QuerySelector("[data-team-total]")!.GetAttribute("data-team-total"));
        // The round's figures stay those of every team while the table shows the search.
        Assert.Equal("3", Html.AttributeOf(searched, "[data-round-figures]", "data-teams-total"));
        var names = Html.All(byTeam, "tr[data-team] td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.Ordinal), names);
        Assert.Equal("descending", Html.AttributeOf(byTeam, "th[aria-sort]", "aria-sort"));
    }
}
