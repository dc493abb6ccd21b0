using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Rounds;

namespace ServiceReview.Browser.Tests.Rounds;

/// <summary>
/// Issue #17 item 9: on the open round's page a manager ticks two rows, the button says how many, "改派所选" opens the
/// reassign page with the inspectors who may take both, and one choice moves both (the third row stays).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Reassigning_several_rows_in_the_browser(BrowserApp app)
{
    [SkippableFact]
    public async Task A_manager_ticks_two_rows_and_gives_both_to_one_inspector()
    {
        var (roundId, inspections) = await OpenRoundOfThreeTeamsAsync();
        var page = await app.NewPageAsync(null, 1024, 768);
        await BrowserApp.SignInAsync(page, "manager@demo.local");
        await page.GotoAsync($"/Rounds/Details/{roundId}?sort=Team");

        var button = page.Locator("[data-reassign-selected]");
        Assert.True(await button.IsDisabledAsync());
        await page.Locator($"#select-{inspections[0]}").CheckAsync();
        await page.Locator($"#select-{inspections[1]}").CheckAsync();
        Assert.True(await button.IsEnabledAsync());
        Assert.Contains("2", await page.Locator("[data-selected-count]").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.True(await page.Locator("[data-select-all]").EvaluateAsync<bool>("e => e.indeterminate"));
        await AssertAccessibleAsync(page, "the round's page with two rows ticked");

        await button.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/Rounds/Reassign/{roundId}", StringComparison.Ordinal));
        Assert.Equal(2, await page.Locator("[data-chosen] [data-inspection-id]").CountAsync());
        var select = page.Locator("select#InspectorId");
        var target = await select.Locator("option[value]:not([value=''])").First.GetAttributeAsync("value");
        await select.SelectOptionAsync(target!);
        await AssertAccessibleAsync(page, "the reassign page");
        await BrowserApp.ScreenshotAsync(page, "rounds-reassign-several", fullPage: false);
        await page.Locator("[data-reassign-submit]").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains($"/Rounds/Details/{roundId}?sort=Team", StringComparison.Ordinal));
        Assert.True(await page.Locator("[role=status]").IsVisibleAsync());
        var after = await InspectorsAsync(roundId);
        var chosen = int.Parse(target!, CultureInfo.InvariantCulture);
        Assert.Equal(chosen, after[inspections[0]]);
        Assert.Equal(chosen, after[inspections[1]]);
        Assert.NotEqual(chosen, after[inspections[2]]);
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var failing = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(failing.Count == 0, $"{what}: {string.Join("; ", failing)}");
    }

    private async Task<(int RoundId, int[] Inspections)> OpenRoundOfThreeTeamsAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var project = new Project("批量改派浏览器" + Guid.NewGuid().ToString("N")[..6], "测试客户");
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        var teams = Enumerable.Range(1, 3).Select(n => new Team(project.Id, $"批量改派浏览器组{n}")).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();
        var plan = await db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
        var inspector = await db.People.Where(p => p.Email == "inspector1@demo.local").Select(p => p.Id).SingleAsync();
        var now = DateTime.UtcNow;
        var rounds = scope.ServiceProvider.GetRequiredService<RoundService>();
        var created = await rounds.CreateDraftAsync(new RoundDraftInput("批量改派浏览器" + Guid.NewGuid().ToString("N")[..4], new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30),
            plan, now.AddHours(-1), now.AddDays(7), AggregationMethod.Mean, [.. teams.Select(t => new TeamAssignmentInput(t.Id, [inspector]))]), Actor.System);
        var stamp = await db.Rounds.Where(r => r.Id == created.Value).Select(r => r.ConcurrencyStamp).SingleAsync();
        Assert.True((await rounds.OpenAsync(created.Value, stamp, Actor.System)).IsOk);
        var inspections = await db.Inspections.Where(i => i.RoundId == created.Value).OrderBy(i => i.TeamId).Select(i => i.Id).ToArrayAsync();
        return (created.Value, inspections);
    }

    private async Task<Dictionary<int, int>> InspectorsAsync(int roundId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        return await db.Inspections.AsNoTracking().Where(i => i.RoundId == roundId).ToDictionaryAsync(i => i.Id, i => i.InspectorId);
    }
}
