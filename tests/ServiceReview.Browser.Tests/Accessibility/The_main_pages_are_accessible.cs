using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Accessibility;

/// <summary>
/// WCAG 2.1 AA on the main pages and the detail pages, in Chinese (the default UI) and in English: axe-core (shipped inside Deque.AxeCore.Playwright, so
/// no network) runs on each page as its user sees it, and no violation may be serious or critical. Moderate and minor
/// findings are not failures here.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_main_pages_are_accessible(BrowserApp app)
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <summary>The WCAG 2.0/2.1 A and AA rules only (no best-practice rules).</summary>
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Who looks at which page. Null user: signed out.</summary>
    public static TheoryData<string?, string> Pages => new()
    {
        { null, "/Identity/Account/Login" },
        { "manager@demo.local", "/" },
        { "inspector1@demo.local", "/" },
        { "lead1@demo.local", "/" },
        { "manager@demo.local", "/Rounds" },
        { "manager@demo.local", "/Rounds/Create" },
        { "inspector1@demo.local", "/Inspections" },
        { "manager@demo.local", "/Results" },
        { "lead1@demo.local", "/Actions" },
        { "manager@demo.local", "/plans" },
        { "lead1@demo.local", "/ServiceRecords" },
        { "manager@demo.local", "/Statistics" },
        { "manager@demo.local", "/Dashboards" },
        { "manager@demo.local", "/Analytics" },
        { "admin@demo.local", "/People" },
        { "lead1@demo.local", "/Notifications/Settings" },
        { "admin@demo.local", "/Email" },
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public Task A_page_has_no_serious_or_critical_WCAG_AA_violation(string? user, string path) =>
        AssertPageAsync(user, path, culture: null);

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public Task A_page_in_English_has_no_serious_or_critical_WCAG_AA_violation(string? user, string path) =>
        AssertPageAsync(user, path, "en");

    /// <summary>Detail pages: who opens which (ids from <see cref="BrowserApp.DetailPagesAsync"/>).</summary>
    public static TheoryData<string, string, string> DetailPages
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                data.Add(culture, "inspector3@demo.local", "/inspections/{submitted}");
                data.Add(culture, "lead2@demo.local", "/Reviews/Review/{submitted}");
                data.Add(culture, "manager@demo.local", "/Disputes/Arbitrate/{dispute}");
                data.Add(culture, "manager@demo.local", "/Rounds/Details/{round}");
                data.Add(culture, "manager@demo.local", "/Results/Round/{closed}");
                data.Add(culture, "lead2@demo.local", "/Actions/Details/{action}");
                data.Add(culture, "manager@demo.local", "/plans/{plan}");
                data.Add(culture, "manager@demo.local", "/plans/compare?left={plan}&right={plan}");
                data.Add(culture, "manager@demo.local", "/Statistics");
                data.Add(culture, "admin@demo.local", "/People/Edit/{person}");
                data.Add(culture, "inspector1@demo.local", "/Notifications");
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(DetailPages))]
    public async Task A_detail_page_has_no_serious_or_critical_WCAG_AA_violation(string culture, string user, string template)
    {
        Skip.If(BrowserEnvironment.SkipReason is not null, BrowserEnvironment.SkipReason);
        var ids = await app.DetailPagesAsync();
        await app.NotifyAsync("inspector1@demo.local");
        var path = template
            .Replace("{submitted}", ids.SubmittedInspectionId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{dispute}", ids.DisputeId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{round}", ids.RoundId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{closed}", ids.ClosedRoundId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{action}", ids.ActionId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{plan}", ids.PlanVersionId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{person}", ids.PersonId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        await AssertPageAsync(user, path, culture);
    }

    [SkippableTheory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_plan_editor_of_a_draft_has_no_serious_or_critical_violation(string culture)
    {
        var ids = await app.DetailPagesAsync();
        var page = await SignedInAsync("manager@demo.local", culture);
        var draft = await app.DraftPlanVersionAsync(ids.PlanVersionId);

        var response = await page.GotoAsync($"/plans/{draft}/edit");
        Assert.True(response is { Ok: true }, $"the editor answered {response?.Status}");
        await AssertAccessibleAsync(page, $"the plan editor ({culture})");
    }

    private async Task AssertPageAsync(string? user, string path, string? culture)
    {
        var page = await SignedInAsync(user, culture);

        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        Assert.DoesNotContain("/Identity/Account/AccessDenied", page.Url, StringComparison.Ordinal);

        await AssertAccessibleAsync(page, $"{path} as {user ?? "a signed-out visitor"} ({culture ?? "zh-CN"})");
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task An_inspection_form_opened_from_my_inspections_has_no_serious_or_critical_violation(string? culture)
    {
        var page = await SignedInAsync("inspector1@demo.local", culture);
        await page.GotoAsync("/Inspections");

        await page.Locator("main a[href*='/Inspections/Fill/']").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Inspections/Fill/", StringComparison.Ordinal));
        await page.Locator("main form").First.WaitForAsync();

        await AssertAccessibleAsync(page, page.Url);
    }

    [SkippableFact]
    public async Task A_round_result_opened_from_the_results_has_no_serious_or_critical_violation()
    {
        var page = await SignedInAsync("manager@demo.local");
        await page.GotoAsync("/Results");

        await page.Locator("main a[href*='/Results/Round/']").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Results/Round/", StringComparison.Ordinal));

        await AssertAccessibleAsync(page, page.Url);
    }

    private async Task<IPage> SignedInAsync(string? user, string? culture = null)
    {
        var page = await app.NewPageAsync(culture);

        // axe walks the whole page; on a busy build machine that can take longer than the fixture's 15 s.
        page.SetDefaultTimeout(30_000);
        if (user is not null)
        {
            await BrowserApp.SignInAsync(page, user);
        }

        return page;
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.RunAxe(WcagAa);

        var failing = result.Violations
            .Where(v => FailingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
            .ToList();
        Assert.True(failing.Count == 0, $"{what}: {failing.Count} serious or critical WCAG AA violation(s):\n" + Describe(failing));
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join("\n", violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n    " +
            string.Join("\n    ", v.Nodes.Take(8).Select(n => $"{n.Target} — {Summary(n)}")) +
            (v.Nodes.Length > 8 ? $"\n    … and {v.Nodes.Length - 8} more" : "")));

    private static string Summary(AxeResultNode node) =>
        string.Join("; ", new[] { node.Any, node.All, node.None }
            .Where(checks => checks is not null)
            .SelectMany(checks => checks!)
            .Select(check => check.Message)
            .Where(message => !string.IsNullOrEmpty(message))
            .Take(2));
}
