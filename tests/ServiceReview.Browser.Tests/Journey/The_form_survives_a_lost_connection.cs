using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Core.Scoring;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Journey;

/// <summary>
/// Issue #17: inspections happen on site, on tablets, where the connection comes and goes. What the inspector types
/// offline is kept in the browser (IndexedDB) and the page says so; when the connection returns it is sent as a draft
/// with the stamp it was based on; and a draft changed meanwhile elsewhere is a choice shown with the difference, never
/// silently overwritten.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_form_survives_a_lost_connection(BrowserApp app)
{
    private const string OfflineNote = "离线时记录：抽查 12 通电话，用语规范。";

    [SkippableFact]
    public async Task Changes_made_offline_are_kept_in_the_browser_and_saved_as_a_draft_when_the_connection_returns()
    {
        SetDefaultExpectTimeout(15_000);
        var page = await app.NewPageAsync(null, 768, 1024, touch: true);
        var id = await app.FormInspectionAsync("离线填写 Offline form", new DateOnly(2024, 2, 1));
        await BrowserApp.SignInAsync(page, "inspector3@demo.local");
        await page.GotoAsync($"/Inspections/Fill/{id}");
        await page.Locator("#score-total").Filter(new LocatorFilterOptions { HasNotText = "—" }).WaitForAsync();
        var status = page.Locator("#connection-status");
        Assert.Equal("polite", await status.GetAttributeAsync("aria-live"));
        await Expect(status).ToBeEmptyAsync();

        await page.Context.SetOfflineAsync(true);
        await Expect(status).Not.ToBeEmptyAsync();
        await page.Locator("label[for='ind-3-1-level-1']").ClickAsync();
        await page.Locator("#ind-3-1-note").FillAsync(OfflineNote);
        await page.Locator("#ind-4-2-count").FillAsync("1");

        // Kept in this browser, not on the server yet; the page says it is offline.
        await BrowserApp.UntilAsync(page, $"async () => (await window.serviceReview.draftStore.get(window.serviceReview.draftStore.keyFor({id})))?.items['3.1'].note === '{OfflineNote}'", "the copy in the browser");
        await BrowserApp.UntilAsync(page, $"async () => (await window.serviceReview.draftStore.get(window.serviceReview.draftStore.keyFor({id})))?.items['4.2'].main === '1'", "the copy in the browser");
        Assert.False(await status.EvaluateAsync<bool>("e => e.classList.contains('is-ok')"));
        Assert.Null((await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note);
        await BrowserApp.ScreenshotAsync(page, "form-offline", fullPage: false);

        // A submit while offline is held back, with the reason, instead of the browser's offline page.
        await page.Locator("#submit-inspection").ClickAsync();
        Assert.Contains($"/Inspections/Fill/{id}", page.Url, StringComparison.Ordinal);

        await page.Context.SetOfflineAsync(false);
        await Expect(status).ToHaveClassAsync(new Regex(@"\bis-ok\b"));
        await WaitForAsync(async () => (await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note == OfflineNote, "the offline note on the server");
        var saved = await app.EntriesOfAsync(id);
        Assert.Equal(1, saved["4.2"].Count);
        Assert.NotNull(saved["3.1"].Level);
        await BrowserApp.UntilAsync(page, $"async () => (await window.serviceReview.draftStore.get(window.serviceReview.draftStore.keyFor({id}))) === undefined", "the copy in the browser");

        // Opened again: the server's draft, and nothing left to restore.
        await page.ReloadAsync();
        await Expect(page.Locator("#ind-3-1-note")).ToHaveValueAsync(OfflineNote);
        await Expect(page.Locator("#draft-choice")).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task A_draft_changed_elsewhere_meanwhile_is_shown_with_the_difference_and_kept_only_when_the_inspector_says_so()
    {
        SetDefaultExpectTimeout(15_000);
        var page = await app.NewPageAsync(null, 768, 1024, touch: true);
        var id = await app.FormInspectionAsync("离线冲突 Offline conflict", new DateOnly(2024, 3, 1));
        await BrowserApp.SignInAsync(page, "inspector3@demo.local");
        await page.GotoAsync($"/Inspections/Fill/{id}");
        await page.Locator("#score-total").Filter(new LocatorFilterOptions { HasNotText = "—" }).WaitForAsync();

        await page.Context.SetOfflineAsync(true);
        await page.Locator("#ind-3-1-note").FillAsync(OfflineNote);
        await BrowserApp.UntilAsync(page, $"async () => (await window.serviceReview.draftStore.get(window.serviceReview.draftStore.keyFor({id})))?.items['3.1'].note === '{OfflineNote}'", "the copy in the browser");

        // Meanwhile the same record is saved on another device.
        var elsewhere = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal) { ["3.1"] = new() { Level = "良好", Note = "另一台设备上的记录" } };
        await app.SaveDraftElsewhereAsync(id, elsewhere);

        await page.Context.SetOfflineAsync(false);
        var choice = page.Locator("#draft-choice");
        await Expect(choice).ToBeVisibleAsync();
        var row = choice.Locator("tr[data-diff='3.1']");
        await Expect(row).ToContainTextAsync(OfflineNote);
        await Expect(row).ToContainTextAsync("另一台设备上的记录");
        await BrowserApp.ScreenshotAsync(page, "form-conflict", fullPage: false);

        // Nothing overwritten before the choice.
        Assert.Equal("另一台设备上的记录", (await app.EntriesOfAsync(id))["3.1"].Note);

        await page.Locator("#keep-mine").ClickAsync();
        await WaitForAsync(async () => (await app.EntriesOfAsync(id))["3.1"].Note == OfflineNote, "the inspector's note kept over the other device's");
        await Expect(page.Locator("#conflict")).ToBeHiddenAsync();
        await page.WaitForFunctionAsync($"async () => (await window.serviceReview.draftStore.get(window.serviceReview.draftStore.keyFor({id}))) === undefined");
    }

    [SkippableFact]
    public async Task When_the_sign_in_has_ended_the_changes_wait_in_the_browser_and_are_sent_after_signing_in_again()
    {
        SetDefaultExpectTimeout(15_000);
        var page = await app.NewPageAsync(null, 768, 1024, touch: true);
        await page.Clock.InstallAsync();
        var id = await app.FormInspectionAsync("登录过期 Signed out", new DateOnly(2024, 4, 1));
        await BrowserApp.SignInAsync(page, "inspector3@demo.local");
        await page.GotoAsync($"/Inspections/Fill/{id}");
        await page.Locator("#score-total").Filter(new LocatorFilterOptions { HasNotText = "—" }).WaitForAsync();
        await page.Locator("#ind-3-1-note").FillAsync(OfflineNote);

        // The sign-in ends meanwhile (signed out in another tab, as an idle timeout would); then the autosave runs.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/");
        await other.EvaluateAsync("() => document.querySelector(\"form[action*='Logout']\").submit()");
        await Expect(other.Locator("form[action*='Logout']")).ToHaveCountAsync(0);
        await other.CloseAsync();
        await page.Clock.FastForwardAsync("00:31");

        await Expect(page.Locator("#signed-out")).ToBeVisibleAsync();
        await BrowserApp.UntilAsync(page, $"async () => (await window.serviceReview.draftStore.get(window.serviceReview.draftStore.keyFor({id})))?.items['3.1'].note === '{OfflineNote}'", "the copy in the browser");
        Assert.Null((await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note);

        // Sign in again: back on the form, the changes kept in the browser are offered, and sent when restored.
        await page.Locator("#sign-in-again").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Login", StringComparison.Ordinal));
        await page.FillAsync("input[name='Input.Email']", "inspector3@demo.local");
        await page.FillAsync("input[name='Input.Password']", BrowserApp.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains($"/Inspections/Fill/{id}", StringComparison.Ordinal));
        var choice = page.Locator("#draft-choice");
        await Expect(choice).ToBeVisibleAsync();
        await Expect(choice.Locator("tr[data-diff='3.1']")).ToContainTextAsync(OfflineNote);
        await page.Locator("#keep-mine").ClickAsync();
        await WaitForAsync(async () => (await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note == OfflineNote, "the note kept while signed out, on the server");
        await Expect(page.Locator("#ind-3-1-note")).ToHaveValueAsync(OfflineNote);
        await BrowserApp.UntilAsync(page, $"async () => (await window.serviceReview.draftStore.get(window.serviceReview.draftStore.keyFor({id}))) === undefined", "the copy in the browser");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}
