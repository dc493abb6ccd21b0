using System.Globalization;
using System.Net;
using System.Text;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary>
/// Issue #15: the accuracy pages run a fixed number of SQL commands whatever the number of teams and inspectors, and
/// the bias report's inspector table is a list (searched, sorted, paged, its state in the query string).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_accuracy_pages_at_scale(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    // Counted on the demo data (round agreement: round, the results' fingerprint ×3, inspections, entries, the median's
    // count and middle values, teams and people named by signals, and the request's sign-in and layout), plus a little
    // room. The round's plan comes from PlanVersionCache (it was three commands more). Once computed, the figures are
    // kept until the results change (AnalyticsCache): a second read runs no query over the round's inspections.
    private const int RoundBudget = 14;
    private const int CachedRoundBudget = 10;
    private const int BiasBudget = 15;
    private const int CachedBiasBudget = 10;

    [Fact]
    public async Task A_rounds_agreement_page_stays_within_its_SQL_budget()
    {
        var rounds = await factory.ClosedRoundsAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        await manager.GetStringAsync("/Results/Search"); // the rounds' stored results exist (their lazy backfill is not this page's cost)
        await manager.GetStringAsync($"/Results/Round/{rounds[^1].Id}"); // the round's plan is in memory, as after any page of the round

        var page = await factory.SqlCommandsOfGetAsync(manager, $"/Analytics/Round/{rounds[^1].Id}");
        var again = await factory.SqlCommandsOfGetAsync(manager, $"/Analytics/Round/{rounds[^1].Id}");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.True(page.Count <= RoundBudget, $"{page.Count} SQL commands:{Environment.NewLine}{page.Listing()}");
        // Every scored inspection of every round is not read to find the median time: the database gives the middle.
        Assert.Contains(page.Commands, c => c.Contains("LIMIT", StringComparison.OrdinalIgnoreCase) && c.Contains("TimeSpentSeconds", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
        Assert.True(again.Count <= CachedRoundBudget, $"{again.Count} SQL commands:{Environment.NewLine}{again.Listing()}");
        Assert.DoesNotContain(again.Commands, c => c.Contains("\"InspectionEntries\"", StringComparison.Ordinal) || c.Contains("TimeSpentSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bias_page_stays_within_its_SQL_budget_on_any_page_of_inspectors()
    {
        await factory.EnsureDemoDataAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        await manager.GetStringAsync("/Results/Search"); // the rounds' stored results exist (their lazy backfill is not this page's cost)

        var first = await factory.SqlCommandsOfGetAsync(manager, "/Analytics?from=2000-01-01");
        var all = await factory.SqlCommandsOfGetAsync(manager, "/Analytics?from=2000-01-01");
        var searched = await factory.SqlCommandsOfGetAsync(manager, "/Analytics?from=2000-01-01&q=inspector2&sort=name");

        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.True(first.Count <= BiasBudget, $"{first.Count} SQL commands:{Environment.NewLine}{first.Listing()}");
        Assert.Contains(first.Commands, c => c.Contains("\"InspectionCategoryScores\"", StringComparison.Ordinal));
        Assert.True(all.Count <= CachedBiasBudget, $"{all.Count} SQL commands:{Environment.NewLine}{all.Listing()}");
        Assert.DoesNotContain(all.Commands, c => c.Contains("\"InspectionCategoryScores\"", StringComparison.Ordinal));
        Assert.True(searched.Count <= all.Count, $"{searched.Count} SQL commands:{Environment.NewLine}{searched.Listing()}");
    }

    [Fact]
    public async Task The_inspector_table_is_searched_sorted_and_paged_with_its_state_in_the_query_string()
    {
        await factory.EnsureDemoDataAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var searched = await manager.GetStringAsync("/Analytics?q=INSPECTOR3");
        var byName = await manager.GetStringAsync("/Analytics?sort=name");
        var byNameDown = await manager.GetStringAsync("/Analytics?sort=-name");

        Assert.Equal(["inspector3@demo.local"], Html.All(searched, "[data-inspector]").Select(r => r.GetAttribute("data-inspector")));
        Assert.Equal("5", Html.First(searched, "[data-bias-summary]")!.GetAttribute("data-inspectors"));
        Assert.Equal("2", Html.First(searched, "[data-bias-summary]")!.GetAttribute("data-flagged"));
        Assert.Equal("INSPECTOR3", Html.First(searched, "input#q")!.GetAttribute("value"));

        var names = Html.All(byName, "[data-inspector]").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(5, names.Count);
        // In the reader's language's order (Chinese names by pinyin on the Chinese page).
        Assert.Equal(names.Order(StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), false)).ToList(), names);
        Assert.Equal("ascending", Html.First(byName, "a[data-sort=name]")!.ParentElement!.GetAttribute("aria-sort"));
        // The sorted column's link turns the order round; the others keep the search and start at page 1.
        Assert.Contains("sort=-name", Html.First(byName, "a[data-sort=name]")!.GetAttribute("href"));
        Assert.Equal(names.AsEnumerable().Reverse(), Html.All(byNameDown, "[data-inspector]").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var meanLink = Html.First(searched, "a[data-sort=mean]")!.GetAttribute("href")!;
        Assert.Contains("q=INSPECTOR3", meanLink);

        // The default order is the report's: the most lenient first.
        var first = Html.All(await manager.GetStringAsync("/Analytics"), "[data-inspector]")[0].GetAttribute("data-inspector");
        Assert.Equal("inspector2@demo.local", first);
        Assert.Equal("descending", Html.First(await manager.GetStringAsync("/Analytics"), "a[data-sort=mean]")!.ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task A_page_beyond_the_end_shows_the_last_page_and_the_pager_says_how_many()
    {
        await factory.EnsureDemoDataAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync("/Analytics?size=10&page=7&sort=scored");

        Assert.Equal(5, Html.All(html, "[data-inspector]").Count);
        Assert.NotNull(Html.First(html, "[data-pager] [data-range]"));
        var unknown = await manager.GetAsync("/Analytics?sort=" + Uri.EscapeDataString("--drop"));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("descending", Html.First(Encoding.UTF8.GetString(await unknown.Content.ReadAsByteArrayAsync()), "a[data-sort=mean]")!.ParentElement!.GetAttribute("aria-sort"));
    }
}
