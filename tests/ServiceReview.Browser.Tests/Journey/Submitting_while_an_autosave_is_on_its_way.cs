using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Journey;

/// <summary>
/// The inspection form saves a draft every 30 seconds. A click on 提交 while that save is on its way used to post the
/// stamp the save was replacing, so the server reported the inspector's own autosave as "changed by (the inspector) at …".
/// The page now waits for the save's answer and posts with the new stamp.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Submitting_while_an_autosave_is_on_its_way(BrowserApp app)
{
    [SkippableFact]
    public async Task Waits_for_the_autosave_and_is_not_mistaken_for_someone_elses_change()
    {
        SetDefaultExpectTimeout(15_000);
        var page = await app.NewPageAsync();
        await page.Clock.InstallAsync();
        await BrowserApp.SignInAsync(page, "inspector2@demo.local");

        await page.Locator("nav.navbar").GetByRole(AriaRole.Link, new() { Name = "我的检查", Exact = true }).ClickAsync();
        await page.Locator("tbody tr", new() { HasText = "未开始" }).First.GetByRole(AriaRole.Link, new() { Name = "填写" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/Inspections/Fill/\d+$"));

        // The autosave reaches the server (which renews the stamp), but its answer is held back until after the click.
        var answered = new TaskCompletionSource();
        var draftSaved = new TaskCompletionSource();
        await page.RouteAsync("**/api/inspections/*/draft", async route =>
        {
            var response = await route.FetchAsync();
            draftSaved.TrySetResult();
            await answered.Task;
            await route.FulfillAsync(new() { Response = response });
        });

        await page.Locator("#ind-3-1-note").FillAsync("沟通记录抽查中。");
        await page.Clock.FastForwardAsync("00:31");
        await draftSaved.Task.WaitAsync(TimeSpan.FromSeconds(15));

        await page.Locator("#submit-inspection").ClickAsync();
        answered.SetResult();

        // The submission is refused for the missing indicators — not for a conflict with the inspector's own save.
        await Expect(page.Locator("#problems, #conflict:not(.d-none)")).ToBeVisibleAsync();
        await Expect(page.Locator("#conflict")).ToBeHiddenAsync(new() { Timeout = 1_000 });
        await Expect(page.Locator("#problems")).ToBeVisibleAsync();
        await Expect(page.Locator("#ind-3-1-note")).ToHaveValueAsync("沟通记录抽查中。");
    }
}
