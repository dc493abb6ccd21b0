using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Notifications;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Guide;

/// <summary>
/// The user guide's pictures that no other browser test takes (docs/user-guide/*.md): each test walks one guide page's
/// screens on the demo data as the guide describes them, checks that the screen shows what its picture is meant to show,
/// and takes the picture (into docs/images when SERVICEREVIEW_SCREENSHOTS names it). One browser context per test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_guide_pictures(BrowserApp app)
{
    private const string Header = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间";

    private static string Row(string ticket, string received = "2026-09-01 09:15") =>
        $"{ticket},王先生,电话,需求,空调不制冷,{received},2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00";

    private static byte[] Csv(IEnumerable<string> lines) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines))];

    private async Task<IPage> SignedInAsync(string user, int width, int height)
    {
        var page = await app.NewPageAsync(null, width, height);
        page.SetDefaultTimeout(30_000);
        SetDefaultExpectTimeout(30_000);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
    }

    /// <summary>docs/user-guide/rounds.md, a11y.md and review.md: the manager's home, rounds, results and actions.</summary>
    [SkippableFact]
    public async Task The_managers_pages()
    {
        var ids = await app.DetailPagesAsync();
        var page = await SignedInAsync("manager@demo.local", 1280, 800);
        await Expect(page.Locator("main h1").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "a11y-home-manager", fullPage: false);

        await OpenAsync(page, "/Rounds/Create");
        await Expect(page.Locator("main form input[name='Name']")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "a11y-round-form", fullPage: false);

        await page.SetViewportSizeAsync(1180, 820);
        await BrowserApp.ScreenshotAsync(page, "rounds-form");

        await OpenAsync(page, "/Rounds");
        Assert.True(await page.Locator("main [data-status]").CountAsync() > 0, "the rounds list shows rounds");
        await BrowserApp.ScreenshotAsync(page, "rounds-index");

        await OpenAsync(page, $"/Results/Round/{ids.ClosedRoundId}");
        Assert.True(await page.Locator("main [data-team-total]").CountAsync() > 1, "the ranking lists the teams");
        await BrowserApp.ScreenshotAsync(page, "review-round-ranking", fullPage: false);

        await page.Locator($"main a[href*='/Results/Team/{ids.ClosedRoundId}/']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/Results/Team/\d+/\d+"));
        await Expect(page.Locator("main [data-team-total]").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("main [data-category-score]").CountAsync() > 0, "the team's result shows its categories");
        await BrowserApp.ScreenshotAsync(page, "review-team-result");

        await OpenAsync(page, "/Actions");
        Assert.True(await page.Locator("main [data-action]").CountAsync() > 0, "the actions list shows actions");
        await BrowserApp.ScreenshotAsync(page, "review-actions", fullPage: false);
    }

    /// <summary>docs/user-guide/lists.md: a list in pages (pending actions, 10 a page) and a search with no match.</summary>
    [SkippableFact]
    public async Task A_paged_list_and_a_search_without_a_match()
    {
        var ids = await app.DetailPagesAsync();
        await OpenActionsAsync(ids.ClosedRoundId, 75);
        try
        {
            var page = await SignedInAsync("manager@demo.local", 1280, 900);
            await OpenAsync(page, "/Actions?status=Open&size=10&page=7");
            await Expect(page.Locator("main [data-action]")).ToHaveCountAsync(10);
            await Expect(page.Locator("main .pagination .active")).ToHaveTextAsync("7");
            await BrowserApp.ScreenshotAsync(page, "lists-paged");

            await OpenAsync(page, "/Actions?q=" + Uri.EscapeDataString("不存在的整改"));
            await Expect(page.Locator("main [data-action]")).ToHaveCountAsync(0);
            await Expect(page.Locator("main a[href='/Actions'], main a[href^='/Actions?']").First).ToBeVisibleAsync();
            await BrowserApp.ScreenshotAsync(page, "lists-no-match", fullPage: false);
        }
        finally
        {
            // The app is shared by the browser tests: the journey finds the action it raises on the list's first page.
            await RemoveActionsAsync();
        }
    }

    private async Task RemoveActionsAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var team = await db.Teams.FirstAsync(t => t.Name == "运营支持组");
        db.CorrectiveActions.RemoveRange(await db.CorrectiveActions.Where(a => a.TeamId == team.Id && a.Description.StartsWith("整改事项 ")).ToListAsync());
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Open corrective actions for 运营支持组 (a team no other browser test looks at), so that the actions list has pages:
    /// the demo data has none.
    /// </summary>
    private async Task OpenActionsAsync(int roundId, int count)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var team = await db.Teams.FirstAsync(t => t.Name == "运营支持组");
        if (await db.CorrectiveActions.AnyAsync(a => a.TeamId == team.Id))
        {
            return;
        }

        var manager = await db.People.FirstAsync(p => p.Email == "manager@demo.local");
        var now = DateTime.UtcNow;
        string[] codes = ["1.1", "1.2", "1.3"];
        db.CorrectiveActions.AddRange(Enumerable.Range(1, count).Select(i => new CorrectiveAction(
            roundId, team.Id, codes[i % codes.Length], $"整改事项 {i}：归档及时率不足，按周检查归档。", manager.Id, DateOnly.FromDateTime(now.AddDays(-3)), manager.Id, now.AddDays(-10))));
        await db.SaveChangesAsync();
    }

    /// <summary>docs/user-guide/accuracy.md and exports.md: the bias table, a round's agreement, the dashboards, a calibration.</summary>
    [SkippableFact]
    public async Task The_analysis_pages()
    {
        var ids = await app.DetailPagesAsync();
        var page = await SignedInAsync("manager@demo.local", 1280, 900);

        await OpenAsync(page, "/Analytics");
        Assert.True(await page.Locator("main [data-inspector]").CountAsync() > 0, "the bias table lists inspectors");
        await BrowserApp.ScreenshotAsync(page, "accuracy-bias");

        await OpenAsync(page, $"/Analytics/Round/{ids.ClosedRoundId}");
        Assert.True(await page.Locator("main [data-figure]").CountAsync() > 0, "the round shows its agreement figures");
        await BrowserApp.ScreenshotAsync(page, "accuracy-round");

        await OpenAsync(page, "/Dashboards");
        Assert.True(await page.Locator("main [data-team]").CountAsync() > 0, "the round dashboard lists teams");
        await Expect(page.Locator("main [data-kpi='teams']")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "exports-dashboard-round");

        await OpenAsync(page, "/Dashboards/Trends");
        Assert.True(await page.Locator("main canvas[data-chart]").CountAsync() > 0, "the trends page draws charts");
        await BrowserApp.ScreenshotAsync(page, "exports-dashboard-trends");

        await OpenAsync(page, "/Statistics");
        await Expect(page.Locator("main [data-stat='records']")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "records-statistics");

        // A new calibration exercise: the manager (the reference) finds the system's figures filled in.
        await OpenAsync(page, "/Calibration/Create");
        await page.FillAsync("#Name", "九月校准（园区客服一组）");
        await page.FillAsync("#PeriodStart", "2026-09-01");
        await page.FillAsync("#PeriodEnd", "2026-09-30");
        foreach (var (name, _, _) in Participants)
        {
            await page.Locator("main .form-check", new() { HasText = name }).Locator("input[name='InspectorIds']").CheckAsync();
        }

        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/Calibration/Details/\d+"));
        Assert.True(await page.Locator("main [data-participant]").CountAsync() >= 3, "the exercise lists its participants");
        Assert.True(await page.Locator("main tr[data-measured]").CountAsync() > 0, "the system's figures are filled in");
        await BrowserApp.ScreenshotAsync(page, "accuracy-calibration-measured");

        // Everyone scores (the reference first), a little differently; the manager publishes: the differences show.
        var details = page.Url;
        await ScoreCalibrationAsync(page, 0);
        foreach (var (_, email, variant) in Participants)
        {
            var inspector = await SignedInAsync(email, 1280, 900);
            await OpenAsync(inspector, details);
            await ScoreCalibrationAsync(inspector, variant);
            await inspector.Context.CloseAsync();
        }

        await OpenAsync(page, details);
        await page.Locator("main form[action*='/Reveal'] button[type=submit]").ClickAsync();
        await Expect(page.Locator("main [data-range]").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "accuracy-calibration");
    }

    private static readonly (string Name, string Email, int Variant)[] Participants =
        [("刘建国", "inspector1@demo.local", 1), ("陈晓燕", "inspector2@demo.local", 2), ("赵志强", "inspector3@demo.local", 3)];

    /// <summary>Fills the calibration score as a participant: the first level of each graded indicator, the next one for some.</summary>
    private static async Task ScoreCalibrationAsync(IPage page, int variant)
    {
        var form = page.Locator("#calibration-score");
        var selects = form.Locator("select");
        for (var i = 0; i < await selects.CountAsync(); i++)
        {
            var options = await selects.Nth(i).Locator("option").CountAsync();
            var index = variant > 0 && i % 3 == variant - 1 && options > 2 ? 2 : 1;
            await selects.Nth(i).SelectOptionAsync(new SelectOptionValue { Index = Math.Min(index, options - 1) });
        }

        var counts = form.Locator("input[type=number][name$='.Count']");
        for (var i = 0; i < await counts.CountAsync(); i++)
        {
            if (await counts.Nth(i).InputValueAsync() is { Length: 0 })
            {
                await counts.Nth(i).FillAsync("0");
            }
        }

        var notes = form.Locator("input[name$='.Note'], textarea[name$='.Note']");
        for (var i = 0; i < await notes.CountAsync(); i++)
        {
            await notes.Nth(i).FillAsync("现场抽查");
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("main .alert-success").First).ToBeVisibleAsync();
    }

    /// <summary>docs/user-guide/plans.md: a draft in the editor, a published version's preview, an import's problems.</summary>
    [SkippableFact]
    public async Task The_plan_pages()
    {
        var ids = await app.DetailPagesAsync();
        var draft = await app.DraftPlanVersionAsync(ids.PlanVersionId);
        var page = await SignedInAsync("manager@demo.local", 1280, 1000);

        await OpenAsync(page, $"/plans/{draft}/edit");
        await Expect(page.Locator("main [data-weight-sum]").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("main [data-code]").CountAsync() > 0, "the editor lists the indicators");
        await BrowserApp.ScreenshotAsync(page, "plans-editor", fullPage: false);

        await OpenAsync(page, $"/plans/{ids.PlanVersionId}");
        await page.Locator("main input[type=number], main input[inputmode]").First.FillAsync("96");
        await page.Locator("main h1").ClickAsync();
        await Expect(page.Locator("[data-preview-total]").First).ToContainTextAsync(new Regex(@"\d"));
        await BrowserApp.ScreenshotAsync(page, "plans-preview", fullPage: false);

        using var workbook = new XLWorkbook(new MemoryStream(PlanWorkbookWriter.Write(DefaultPlan.CreateVersion(), WorkbookLanguage.Chinese)));
        workbook.Worksheet("指标").Cell(3, 9).SetValue("六分");
        workbook.Worksheet("指标").Cell(5, 9).FormulaA1 = "5*2";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await page.SetViewportSizeAsync(1280, 900);
        await OpenAsync(page, "/plans/import");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "坏表.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = stream.ToArray() });
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("main [data-import-errors] tbody tr")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(page, "plans-import-errors");
    }

    /// <summary>docs/user-guide/records.md: a team's service records, an import in progress, its errors, the recent imports.</summary>
    [SkippableFact]
    public async Task The_service_record_pages()
    {
        var page = await SignedInAsync("lead1@demo.local", 1280, 900);
        await OpenAsync(page, "/ServiceRecords");
        if (!page.Url.Contains("/ServiceRecords/Team/", StringComparison.Ordinal))
        {
            await page.Locator("main a[href*='/ServiceRecords/Team/']").First.ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/ServiceRecords/Team/\d+"));
        }

        var teamId = Regex.Match(page.Url, @"/ServiceRecords/Team/(\d+)").Groups[1].Value;
        Assert.True(await page.Locator("main table tbody tr").CountAsync() > 0, "the team's records are listed");
        await BrowserApp.ScreenshotAsync(page, "records-team", fullPage: false);

        // A file with errors, all or nothing: nothing is written and the rows are listed.
        await ImportAsync(page, teamId, "records-bad.csv", [Header, Row("GUIDE-A-1"), Row("GUIDE-A-2", received: "2026-13-01 09:00"), Row("GUIDE-A-3")], partial: false);
        await page.WaitForURLAsync(new Regex(@"/ServiceRecords/ImportResult/"));
        await Expect(page.Locator("main [data-import-error]")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "records-import", fullPage: false);

        // A big file: the progress page (queued or reading) until the background import ends.
        await page.SetViewportSizeAsync(1180, 820);
        await ImportAsync(page, teamId, "records-big.csv", [Header, .. Enumerable.Range(1, 4000).Select(i => Row($"GUIDE-B-{i:00000}"))], partial: true);
        await page.WaitForURLAsync(new Regex(@"/ServiceRecords/(ImportProgress|ImportResult|Team)/"));
        if (page.Url.Contains("/ImportProgress/", StringComparison.Ordinal))
        {
            await Expect(page.Locator("main [data-status-url]")).ToHaveCountAsync(1);
            await BrowserApp.ScreenshotAsync(page, "imports-progress", fullPage: false);
        }

        await page.WaitForURLAsync(new Regex($@"/ServiceRecords/Team/{teamId}"), new() { Timeout = 120_000 });

        // Only the clean rows: the team's page says how many were skipped, the recent imports link to the errors.
        await ImportAsync(page, teamId, "imports-bad.csv", [Header, Row("GUIDE-C-1"), Row("GUIDE-C-2", received: "2026-13-01 09:00"), Row("GUIDE-C-3"), Row("GUIDE-C-4", received: "昨天")], partial: true);
        await page.WaitForURLAsync(new Regex($@"/ServiceRecords/Team/{teamId}"), new() { Timeout = 120_000 });
        var recent = page.Locator("main section[aria-labelledby='recent-imports']");
        await Expect(recent.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await recent.ScrollIntoViewIfNeededAsync();
        await BrowserApp.ScreenshotAsync(page, "imports-recent", fullPage: false);

        await recent.Locator("a[href*='details=']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/ServiceRecords/ImportResult/"));
        await Expect(page.Locator("main [data-import-error]")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(page, "imports-errors");
    }

    private static async Task ImportAsync(IPage page, string teamId, string name, IEnumerable<string> lines, bool partial)
    {
        await OpenAsync(page, $"/ServiceRecords/Import?teamId={teamId}");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = Csv(lines) });
        await page.Locator("#partial").SetCheckedAsync(partial);
        await page.Locator("main button[data-submit-once]").ClickAsync();
    }

    /// <summary>What lead2 would have been told about the detail pages' round (the fixture makes it without notices).</summary>
    private async Task NotifyLead2Async(DetailPageIds ids)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var now = DateTime.UtcNow;
        foreach (var inspection in await db.Inspections.Where(i => i.RoundId == ids.RoundId).ToListAsync())
        {
            await notifier.SubmittedAsync(inspection, now.AddHours(-2));
        }

        await notifier.ActionAsync(await db.CorrectiveActions.SingleAsync(a => a.Id == ids.ActionId), now.AddHours(-1));
        await db.SaveChangesAsync();
    }

    /// <summary>docs/user-guide/notifications.md and inspect.md: the bell, the notifications, the settings, e-mail, a submitted record.</summary>
    [SkippableFact]
    public async Task The_notification_pages_and_a_submitted_record()
    {
        var ids = await app.DetailPagesAsync();
        await NotifyLead2Async(ids);
        var page = await SignedInAsync("lead2@demo.local", 1280, 800);
        await OpenAsync(page, "/Notifications");
        Assert.True(await page.Locator("main [data-notification]").CountAsync() > 0, "the lead has notifications");
        await BrowserApp.ScreenshotAsync(page, "notifications-list", fullPage: false);

        await page.SetViewportSizeAsync(1280, 120);
        await OpenAsync(page, "/");
        await Expect(page.Locator(".notification-bell").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "notifications-bell", fullPage: false);

        await page.SetViewportSizeAsync(1024, 700);
        await OpenAsync(page, "/Notifications/Settings");
        await Expect(page.Locator("main [data-weekly-digest]")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "email-settings", fullPage: false);
        await page.Context.CloseAsync();

        var admin = await SignedInAsync("admin@demo.local", 1280, 800);
        await OpenAsync(admin, "/Email");
        await Expect(admin.Locator("main section[aria-labelledby='email-config']")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(admin, "email-admin", fullPage: false);
        await admin.Context.CloseAsync();

        var inspector = await SignedInAsync("inspector3@demo.local", 1024, 1200);
        await OpenAsync(inspector, $"/inspections/{ids.SubmittedInspectionId}");
        await Expect(inspector.Locator("main [data-indicator]").First).ToBeVisibleAsync();
        Assert.Equal(0, await inspector.Locator("main form input[type=number]").CountAsync());
        await BrowserApp.ScreenshotAsync(inspector, "inspect-details", fullPage: false);
    }
}
