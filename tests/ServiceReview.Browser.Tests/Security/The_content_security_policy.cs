using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Infrastructure.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Security;

/// <summary>
/// The browser enforces the app's Content-Security-Policy: an inline script does not run and is reported, which is
/// what makes every other browser test fail on a violation. The behaviour that moved out of inline handlers
/// (filters that submit on change, the arbitration form's fields, the upload form's progress note) still works.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_content_security_policy(BrowserApp app)
{
    [SkippableFact]
    public async Task Refuses_an_inline_script_and_reports_it_so_that_the_test_would_fail()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Login");

        await page.EvaluateAsync("""
            () => {
                const s = document.createElement('script');
                s.textContent = 'window.__inlineRan = true;';
                document.body.appendChild(s);
                const b = document.createElement('button');
                b.setAttribute('onclick', 'window.__handlerRan = true;');
                document.body.appendChild(b);
                b.click();
            }
            """);

        // Wait for both kinds (not a count): the browser reports each on the console and through the report hook, in no
        // fixed order, so two entries can both be about the handler while the script's report is still on its way.
        var violations = await WaitForViolationsAsync(
            v => v.Contains("script-src-elem", StringComparison.Ordinal) || v.Contains("script-src ", StringComparison.Ordinal),
            v => v.Contains("script-src-attr", StringComparison.Ordinal));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__inlineRan === true"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__handlerRan === true"));
        Assert.Contains(violations, v => v.Contains("script-src-elem", StringComparison.Ordinal) || v.Contains("script-src ", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("script-src-attr", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_status_filter_applies_as_soon_as_it_changes()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager@demo.local");
        await page.GotoAsync("/Rounds");

        await page.Locator("select#status").SelectOptionAsync("Closed");

        await page.WaitForURLAsync(new Regex("[?&]status=Closed"));
    }

    [SkippableFact]
    public async Task Choosing_another_project_in_the_trends_clears_the_team_and_applies()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager@demo.local");
        await page.GotoAsync("/Dashboards/Trends");
        var project = await page.Locator("select#projectId option:not([value=''])").First.GetAttributeAsync("value");

        await page.Locator("select#projectId").SelectOptionAsync(project!);

        await page.WaitForURLAsync(new Regex($"[?&]projectId={project}"));
        Assert.DoesNotMatch(new Regex("teamId=[0-9]"), page.Url);
    }

    [SkippableFact]
    public async Task The_arbitration_form_enables_the_score_fields_only_for_a_changed_score()
    {
        var page = await app.NewPageAsync();
        var ids = await app.DetailPagesAsync();
        await BrowserApp.SignInAsync(page, "manager@demo.local");
        await page.GotoAsync($"/Disputes/Arbitrate/{ids.DisputeId}");
        var fields = page.Locator("[data-change-fields='0']");

        // A <fieldset>'s own disabled property (Playwright's enabled/disabled checks only look at form controls).
        await Expect(fields).ToHaveJSPropertyAsync("disabled", true);
        await page.Locator("label[for='change-0']").ClickAsync();
        await Expect(fields).ToHaveJSPropertyAsync("disabled", false);
    }

    [SkippableFact]
    public async Task The_records_upload_form_submits_once_and_shows_its_progress_note()
    {
        var page = await app.NewPageAsync();
        int teamId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
            teamId = await db.Teams.Where(t => db.People.Any(p => p.Id == t.LeadId && p.Email == "lead2@demo.local")).Select(t => t.Id).SingleAsync();
        }

        await BrowserApp.SignInAsync(page, "lead2@demo.local");
        await page.GotoAsync($"/ServiceRecords/Import?teamId={teamId}");

        // Keep the page where it is: a listener on window runs after the form's own and cancels the navigation.
        await page.EvaluateAsync("() => window.addEventListener('submit', e => e.preventDefault())");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "records.csv", MimeType = "text/csv", Buffer = "TicketId\r\n"u8.ToArray() });
        await page.Locator("button[data-submit-once]").ClickAsync();

        await Expect(page.Locator("#import-progress")).ToBeVisibleAsync();
        await Expect(page.Locator("button[data-submit-once]")).ToBeDisabledAsync();
    }

    private async Task<IReadOnlyList<string>> WaitForViolationsAsync(params Func<string, bool>[] kinds)
    {
        var seen = new List<string>();
        for (var i = 0; i < 50 && !kinds.All(kind => seen.Any(kind)); i++)
        {
            await Task.Delay(100);
            seen.AddRange(CspViolations.Take(GetType()));
        }

        return seen;
    }
}
