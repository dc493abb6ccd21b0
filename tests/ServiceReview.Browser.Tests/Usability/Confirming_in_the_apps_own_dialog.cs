using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Usability;

/// <summary>An app of its own: the test opens rounds, which the journey test must not see.</summary>
[CollectionDefinition(Name)]
[FailOnCspViolations]
public sealed class ConfirmDialogCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "ConfirmDialog";
}

/// <summary>
/// Issue 17: the irreversible steps (开始考评, 确认结果) ask first in the app's own dialog, not the browser's confirm box,
/// so its words are the app's in the UI's language (the browser's box shows "OK/Cancel" in the browser's language) and
/// the irreversible button stands out. A modal dialog: the focus moves in (to Cancel, for an irreversible step), Esc and
/// Cancel close it with nothing posted and the focus back on the button that asked, and only a confirmation posts,
/// once. On a tablet (768 px), with the keyboard only, and with no serious or critical axe finding.
/// </summary>
[Collection(ConfirmDialogCollection.Name)]
public sealed class Confirming_in_the_apps_own_dialog(BrowserApp app)
{
    private static readonly ResourceManager Resources = new("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [SkippableTheory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Opening_a_round_asks_in_the_UI_language_and_only_a_confirmation_posts_once(string culture)
    {
        SetDefaultExpectTimeout(15_000);
        string T(string key) => Resources.GetString(key, CultureInfo.GetCultureInfo(culture)) ?? throw new KeyNotFoundException(key);

        var roundId = await DraftRoundAsync("确认对话框 Confirm dialog " + culture, month: culture == "en" ? 4 : 3);
        var page = await app.NewPageAsync(culture, 768, 1024);
        var browserBoxes = 0;
        page.Dialog += (_, box) =>
        {
            browserBoxes++;
            _ = box.DismissAsync();
        };
        await BrowserApp.SignInAsync(page, "manager@demo.local");
        await page.GotoAsync($"/Rounds/Details/{roundId}");
        var posts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/Open/", StringComparison.OrdinalIgnoreCase))
            {
                posts.Add(request.Url);
            }
        };

        var opener = page.GetByRole(AriaRole.Button, new() { Name = T("Rounds.Details.Open"), Exact = true });
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = T("ConfirmDialog.Title"), Exact = true });
        var cancel = ConfirmDialog.CancelButton(page);
        var ok = ConfirmDialog.OkButton(page);
        await Expect(ConfirmDialog.Of(page)).ToBeHiddenAsync();

        // A click asks in the app's modal dialog, in the UI's language: the question and the step's own name from the
        // button, Cancel from the app's texts; the irreversible button is red and the focus starts on Cancel.
        await opener.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        Assert.True(await ConfirmDialog.Of(page).EvaluateAsync<bool>("d => d.matches(':modal')"), "the dialog is modal");
        await Expect(ConfirmDialog.Message(page)).ToHaveTextAsync(T("Rounds.Details.OpenAsk"));
        await Expect(ok).ToHaveTextAsync(T("Rounds.Details.Open"));
        await Expect(cancel).ToHaveTextAsync(T("ConfirmDialog.Cancel"));
        await Expect(ok).ToHaveClassAsync(new Regex(@"\bbtn-danger\b"));
        await Expect(cancel).ToBeFocusedAsync();

        // At 768 px the dialog fits the screen and the page does not scroll sideways; axe finds nothing serious.
        var box = await ConfirmDialog.Of(page).BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 768, $"the dialog ({box.X} + {box.Width}) fits 768 px");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll");
        await BrowserApp.ScreenshotAsync(page, "confirm-dialog-" + culture, fullPage: false);
        var axe = await page.RunAxe(WcagAa);
        var failing = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(failing.Count == 0, string.Join("\n", failing));

        // Cancel: nothing posted, the round is still a draft, the focus back on the button that asked.
        await cancel.ClickAsync();
        await Expect(ConfirmDialog.Of(page)).ToBeHiddenAsync();
        await Expect(opener).ToBeFocusedAsync();

        // The keyboard only: Enter on the button asks; Esc closes, nothing posted, the focus back on the button.
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(cancel).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(ConfirmDialog.Of(page)).ToBeHiddenAsync();
        await Expect(opener).ToBeFocusedAsync();
        Assert.Empty(posts);
        Assert.Equal(RoundStatus.Draft, await StatusOfAsync(roundId));

        // Enter again, Tab to the step's button, Enter: the round opens, with one request even when Enter is pressed twice.
        await page.Keyboard.PressAsync("Enter");
        await Expect(cancel).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(ok).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await Expect(opener).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Single(posts);
        Assert.Equal(RoundStatus.Open, await StatusOfAsync(roundId));
        Assert.Equal(0, browserBoxes);
    }

    /// <summary>A draft round of its own on 园区客服二组 with inspector3, ready to be opened.</summary>
    private async Task<int> DraftRoundAsync(string name, int month)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var plan = await db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Id).FirstAsync();
        var team = await db.Teams.Include(t => t.Members).FirstAsync(t => t.Name == "园区客服二组");
        var inspector = await db.People.FirstAsync(p => p.Email == "inspector3@demo.local");
        var now = DateTime.UtcNow;
        var start = new DateOnly(2025, month, 1);
        var round = new Round(name, start, start.AddMonths(1).AddDays(-1), plan.Id, now.AddDays(-1), now.AddDays(10), AggregationMethod.Mean);
        round.AddTeam(team.Id);
        round.Assign(team, inspector);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return round.Id;
    }

    private async Task<RoundStatus> StatusOfAsync(int roundId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        return await db.Rounds.Where(r => r.Id == roundId).Select(r => r.Status).SingleAsync();
    }
}
