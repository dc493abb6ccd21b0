using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Infrastructure.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Journey;

/// <summary>
/// Issue #17 item 12 on a shared tablet: the offline drafts kept in the browser belong to the person who typed them.
/// Signing out with drafts the server does not have yet warns, and offers to send them first or to discard them; a
/// discarded draft leaves nothing in the browser; and the next person signing in on the same tablet is never offered,
/// nor sends, someone else's draft — not even of a record handed over to them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Offline_drafts_on_a_shared_tablet(BrowserApp app)
{
    private const string OfflineNote = "共用平板上离线记录：抽查 8 通电话。";

    /// <summary>
    /// Every record in the browser's draft store, whoever owns it, read directly (the sign-in page loads no draft script,
    /// and the test does not lean on the script it checks).
    /// </summary>
    private const string AllRecords = @"new Promise((resolve, reject) => {
        const open = indexedDB.open('servicereview', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('inspection-drafts', { keyPath: 'key' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
            const request = open.result.transaction('inspection-drafts').objectStore('inspection-drafts').getAll();
            request.onsuccess = () => { open.result.close(); resolve(request.result); };
            request.onerror = () => reject(request.error);
        };
    })";

    /// <summary>The inspections of the records kept in the browser.</summary>
    private const string RecordsInTheBrowser = "async () => (await " + AllRecords + ").map(r => r.inspection)";

    [SkippableFact]
    public async Task Signing_out_with_an_unsent_draft_warns_and_discarding_it_leaves_nothing_in_the_browser()
    {
        SetDefaultExpectTimeout(15_000);
        var (page, id) = await AnOfflineDraftLeftBehindAsync("共用平板放弃 Shared discard", new DateOnly(2023, 5, 1));

        await page.GotoAsync("/");
        await ClickSignOutAsync(page);
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Logout", StringComparison.Ordinal));
        var warning = page.Locator("[data-offline-drafts]");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning.Locator("[data-offline-draft]")).ToHaveCountAsync(1);
        await Expect(warning.Locator($"[data-offline-draft='{id}'] a")).ToHaveAttributeAsync("href", $"/Inspections/Fill/{id}#send-offline-draft");
        await Expect(warning.Locator("[data-offline-drafts-text]")).ToContainTextAsync("1");
        // Only the choices that lose nothing silently: send (the link), discard, or cancel.
        await Expect(page.Locator("[data-sign-out-plain]")).ToBeHiddenAsync();
        await BrowserApp.ScreenshotAsync(page, "sign-out-offline-drafts", fullPage: false);

        await page.Locator("[data-discard-drafts]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Login", StringComparison.Ordinal));
        Assert.Empty(await page.EvaluateAsync<int[]>(RecordsInTheBrowser));
        Assert.Null((await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note);
    }

    [SkippableFact]
    public async Task The_sign_out_page_sends_an_unsent_draft_through_its_form_and_then_signs_out_without_a_warning()
    {
        SetDefaultExpectTimeout(15_000);
        var (page, id) = await AnOfflineDraftLeftBehindAsync("共用平板发送 Shared send", new DateOnly(2023, 6, 1));

        await page.GotoAsync("/");
        await ClickSignOutAsync(page);
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Logout", StringComparison.Ordinal));
        await page.Locator($"[data-offline-draft='{id}'] a").ClickAsync();

        // The form opens, restores the draft made on top of the server's and sends it.
        await page.WaitForURLAsync(url => url.Contains($"/Inspections/Fill/{id}", StringComparison.Ordinal));
        await WaitForAsync(async () => (await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note == OfflineNote, "the offline note on the server");
        await BrowserApp.UntilAsync(page, "async () => !(await " + AllRecords + $").some(r => r.inspection === {id})", "the copy in the browser sent and forgotten");
        await Expect(page.Locator("#ind-3-1-note")).ToHaveValueAsync(OfflineNote);

        // Nothing waits any more: the top bar's 退出 signs out at once.
        await ClickSignOutAsync(page);
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Login", StringComparison.Ordinal));
        Assert.Empty(await page.EvaluateAsync<int[]>(RecordsInTheBrowser));
    }

    [SkippableFact]
    public async Task The_next_person_on_the_same_tablet_never_gets_someone_elses_draft()
    {
        SetDefaultExpectTimeout(15_000);
        var (page, id) = await AnOfflineDraftLeftBehindAsync("共用平板换人 Shared next person", new DateOnly(2023, 7, 1));

        // inspector3's sign-in ends without the sign-out page (an idle timeout would do the same) …
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => document.querySelector(\"header form[action*='Logout']\").submit()");
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Login", StringComparison.Ordinal));
        Assert.Equal(id, Assert.Single(await page.EvaluateAsync<int[]>(RecordsInTheBrowser)));

        // … the record is handed to inspector2, who signs in on the same tablet and opens it.
        await HandOverAsync(id, "inspector2@demo.local");
        await BrowserApp.SignInAsync(page, "inspector2@demo.local");
        await page.GotoAsync($"/Inspections/Fill/{id}");
        await page.Locator("#score-total").Filter(new LocatorFilterOptions { HasNotText = "—" }).WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(1_000);
        await Expect(page.Locator("#draft-choice")).ToBeHiddenAsync();
        await Expect(page.Locator("#ind-3-1-note")).Not.ToHaveValueAsync(OfflineNote);
        Assert.Null((await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note);

        // inspector2 has nothing waiting: signing out is not held up by inspector3's draft, which stays for inspector3.
        await ClickSignOutAsync(page);
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Login", StringComparison.Ordinal));
        Assert.Equal(id, Assert.Single(await page.EvaluateAsync<int[]>(RecordsInTheBrowser)));
        Assert.Null((await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note);
    }

    /// <summary>
    /// inspector3 edits a record offline on a tablet and closes the form while still offline: the change is only in the
    /// browser. Returns another page of the same browser, back online.
    /// </summary>
    private async Task<(IPage Page, int Id)> AnOfflineDraftLeftBehindAsync(string roundName, DateOnly periodStart)
    {
        var form = await app.NewPageAsync(null, 768, 1024, touch: true);
        var id = await app.FormInspectionAsync(roundName, periodStart);
        await BrowserApp.SignInAsync(form, "inspector3@demo.local");
        await form.GotoAsync($"/Inspections/Fill/{id}");
        await form.Locator("#score-total").Filter(new LocatorFilterOptions { HasNotText = "—" }).WaitForAsync();

        await form.Context.SetOfflineAsync(true);
        await form.Locator("#ind-3-1-note").FillAsync(OfflineNote);
        await BrowserApp.UntilAsync(form, "async () => (await " + AllRecords + $").some(r => r.inspection === {id} && r.items['3.1'].note === '{OfflineNote}')", "the copy in the browser");

        var page = await form.Context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await form.CloseAsync();
        await page.Context.SetOfflineAsync(false);
        Assert.Null((await app.EntriesOfAsync(id)).GetValueOrDefault("3.1")?.Note);
        return (page, id);
    }

    /// <summary>The top bar's 退出, behind the menu button on a tablet upright.</summary>
    private static async Task ClickSignOutAsync(IPage page)
    {
        var button = page.Locator("header form[action*='Logout'] button");
        if (!await button.IsVisibleAsync())
        {
            await page.Locator("header .navbar-toggler").ClickAsync();
        }

        await button.ClickAsync();
    }

    /// <summary>Gives the record to another inspector, as a reassignment would (whatever its state in the browser).</summary>
    private async Task HandOverAsync(int inspectionId, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var inspection = await db.Inspections.FirstAsync(i => i.Id == inspectionId);
        var person = await db.People.FirstAsync(p => p.Email == email);
        db.Entry(inspection).Property(i => i.InspectorId).CurrentValue = person.Id;
        await db.SaveChangesAsync();
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
