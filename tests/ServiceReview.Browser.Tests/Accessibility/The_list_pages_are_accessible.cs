using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Accessibility;

/// <summary>
/// The lists' shared parts (search box, status filter, pager with page-size links, empty states, breadcrumbs) pass
/// axe-core's WCAG 2.1 AA rules with no serious or critical violation, and can be used with the keyboard alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_list_pages_are_accessible(BrowserApp app)
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static TheoryData<string, string> Pages => new()
    {
        { "lead1@demo.local", "/Reviews?size=10&page=2" },
        { "lead1@demo.local", "/Reviews?q=%E4%B8%8D%E5%AD%98%E5%9C%A8" },
        { "manager@demo.local", "/Disputes" },
        { "manager@demo.local", "/Calibration" },
        { "manager@demo.local", "/Rounds?status=Closed&size=10" },
        { "inspector1@demo.local", "/Inspections?status=Confirmed&size=10" },
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task A_list_page_has_no_serious_or_critical_WCAG_AA_violation(string user, string path)
    {
        var page = await SignedInAsync(user);

        var response = await page.GotoAsync(path);

        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        await AssertAccessibleAsync(page, $"{path} as {user}");
    }

    [SkippableFact]
    public async Task Searching_and_paging_work_from_the_keyboard()
    {
        var page = await SignedInAsync("inspector1@demo.local");
        await page.GotoAsync("/Inspections?size=10");

        await page.Locator("#q").FocusAsync();
        await page.Keyboard.TypeAsync("2026");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("q=2026", StringComparison.Ordinal));
        await page.Locator("a[rel=next]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal));

        Assert.Contains("size=10", page.Url, StringComparison.Ordinal);
        Assert.Equal("2", await page.Locator(".pagination .active").InnerTextAsync());
        await AssertAccessibleAsync(page, page.Url);
    }

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.RunAxe(WcagAa);
        var failing = result.Violations.Where(v => FailingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(failing.Count == 0, $"{what}: " + string.Join("\n", failing.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
    }
}
