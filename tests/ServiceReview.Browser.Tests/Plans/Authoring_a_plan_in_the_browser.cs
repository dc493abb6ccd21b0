using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Plans;

/// <summary>An app of its own: this test publishes a new version of the default plan, which the journey test must not see.</summary>
[CollectionDefinition(Name)]
[FailOnCspViolations]
public sealed class PlanAuthoringCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "PlanAuthoring";
}

/// <summary>
/// Issue 5's "done when", clicked through by a manager: copy the default plan, add a sixth category of their own with two
/// indicators, rebalance the weights, try a score in the preview, publish, and run a round with the new version, whose
/// inspection form then shows the new category; the first version stays published for the rounds that used it.
/// </summary>
[Collection(PlanAuthoringCollection.Name)]
public sealed class Authoring_a_plan_in_the_browser(BrowserApp app)
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [SkippableFact]
    public async Task A_manager_copies_the_default_plan_adds_a_category_previews_publishes_and_runs_a_round_with_it()
    {
        SetDefaultExpectTimeout(15_000);
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager@demo.local");

        // Copy version 1 of the default plan into a draft (version 2).
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "评估方案" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "复制为新草稿" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/plans/\d+/edit$", RegexOptions.IgnoreCase));
        var draftId = int.Parse(Regex.Match(page.Url, @"/plans/(\d+)/edit", RegexOptions.IgnoreCase).Groups[1].Value, CultureInfo.InvariantCulture);
        await Expect(page.Locator("main")).ToContainTextAsync("第 2 版");

        // A sixth category: the weights now add up to 110, a problem until category 5 gives up 10.
        await page.Locator("#NewCategory_Code").FillAsync("6");
        await page.Locator("#NewCategory_Name").FillAsync("客户满意度");
        await page.Locator("#NewCategory_Weight").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("110");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "发布" })).ToBeDisabledAsync();

        var category5 = page.Locator("form", new() { Has = page.Locator("input[name='Code'][value='5']") }).First;
        await category5.Locator("input[name='Weight']").FillAsync("10");
        await category5.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AddIndicatorAsync(page, draftId, "6.1", "客户满意度调查得分", "Rating", "5", "按季度满意度调查结果评定。", levels: "优秀=1\n良好=0.8\n一般=0.6\n较差=0.3\n差=0");
        await AddIndicatorAsync(page, draftId, "6.2", "回访记录齐全", "Check", "5", "每次服务后均有回访记录。", levels: null);

        // No problem is left, so the draft can be published; first try a score in the preview.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "发布" })).ToBeEnabledAsync();
        var preview = page.Locator("[data-plan-preview]");
        var scored = page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/plans/{draftId}/score", StringComparison.Ordinal) && r.Status == 200);
        await preview.Locator("[data-indicator='6.1'] select").SelectOptionAsync("优秀");
        await scored;

        // Only 6.1 is filled: category 6 alone is scored (10 × 5/5), so the total is 100 × 10 / 10.
        await Expect(page.Locator("[data-preview-total]")).ToHaveTextAsync("100.0");
        await BrowserApp.ScreenshotAsync(page, "plans-authoring-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync("已发布");

        // A round with the new version: 园区客服二组, inspected by inspector2.
        await page.GotoAsync("/Rounds/Create");
        await page.GetByLabel("批次名称").FillAsync("新方案试运行");
        await page.GetByLabel("评估方案").SelectOptionAsync(new SelectOptionValue { Value = draftId.ToString(CultureInfo.InvariantCulture) });
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Beijing);
        await page.GetByLabel("检查开始时间").FillAsync(now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("检查截止时间").FillAsync(now.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        var team = page.Locator("div[data-team-id]", new() { HasText = "园区客服二组" });
        await team.GetByRole(AriaRole.Checkbox, new() { Name = "园区客服二组", Exact = true }).CheckAsync();
        await team.GetByLabel(await app.NameOfAsync("inspector2@demo.local")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/Rounds/Details/\d+$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "开始考评" }).ClickAsync();
        await ConfirmDialog.ConfirmAsync(page);
        await Expect(page.Locator("main h1")).ToContainTextAsync("进行中");

        // The inspector's form for that round shows the sixth category.
        var inspector = await app.NewPageAsync();
        await BrowserApp.SignInAsync(inspector, "inspector2@demo.local");
        await inspector.GotoAsync("/Inspections");
        await inspector.Locator("tr", new() { HasText = "新方案试运行" }).Locator("a[href*='/Inspections/Fill/']").First.ClickAsync();
        await Expect(inspector.Locator("main")).ToContainTextAsync("客户满意度调查得分");
        await Expect(inspector.Locator("main")).ToContainTextAsync("回访记录齐全");

        // Version 1 is still published for the rounds that used it.
        await page.GotoAsync("/plans");
        await Expect(page.Locator("tr", new() { HasText = "第 1 版" }).First).ToContainTextAsync("已发布");
    }

    private static async Task AddIndicatorAsync(IPage page, int planId, string code, string name, string kind, string max, string standard, string? levels)
    {
        await page.GotoAsync($"/plans/{planId}/edit");
        await page.Locator("a[href*='category=6']", new() { HasText = "添加指标" }).ClickAsync();
        await page.Locator("#Code").FillAsync(code);
        await page.Locator("#Name").FillAsync(name);
        await page.Locator("#Kind").SelectOptionAsync(kind);
        await page.Locator("#Max").FillAsync(max);
        await page.Locator("#Standard").FillAsync(standard);
        if (levels is not null)
        {
            await page.Locator("#Levels").FillAsync(levels);
        }

        await page.Locator("form[data-indicator-form]").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/plans/\d+/edit", RegexOptions.IgnoreCase));
        await Expect(page.Locator("main")).ToContainTextAsync(name);
    }
}
