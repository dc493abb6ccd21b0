using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Infrastructure.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Admin;

/// <summary>An app of its own: this test adds people, projects and a team that the other browser tests must not see.</summary>
[CollectionDefinition(Name)]
[FailOnCspViolations]
public sealed class AdministrationCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Administration";
}

/// <summary>
/// The administrator's part of the user guide, clicked through in Chinese: bring people and teams in from a workbook,
/// name a project's manager, limit an inspector to that project; then the manager sees the projects they manage and
/// not the other new one. Its screenshots are the administration chapter's (docs/user-guide/admin.md).
/// </summary>
[Collection(AdministrationCollection.Name)]
public sealed class Administering_in_the_browser(BrowserApp app)
{
    private const string Managed = "浏览器测试花园项目";
    private const string NotManaged = "浏览器测试商务楼项目";
    private const string InspectorEmail = "zhao.browser@example.org";

    [SkippableFact]
    public async Task An_administrator_imports_people_and_teams_names_a_manager_limits_an_inspector_and_the_manager_sees_their_projects()
    {
        SetDefaultExpectTimeout(15_000);
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "admin@demo.local");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "管理" }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("人员");
        await BrowserApp.ScreenshotAsync(page, "admin-people");

        // People and teams from one workbook; each new account's one-time password is shown once.
        var workbook = Path.Combine(Path.GetTempPath(), $"people-and-teams-{Guid.NewGuid():N}.xlsx");
        WriteWorkbook(workbook);
        await page.GotoAsync("/People/Import");
        await page.Locator("#file").SetInputFilesAsync(workbook);
        await page.Locator("main form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("导入完成：3 名人员，2 个新项目，2 个服务组");
        await Expect(page.Locator("main")).ToContainTextAsync(InspectorEmail);
        await BrowserApp.ScreenshotAsync(page, "admin-import");
        File.Delete(workbook);

        // The manager is named on one of the two new projects only.
        var (managedId, managerId) = await WithDbAsync(async db => (
            await db.Projects.Where(p => p.Name == Managed).Select(p => p.Id).SingleAsync(),
            await db.People.Where(p => p.Email == "manager@demo.local").Select(p => p.Id).SingleAsync()));
        await page.GotoAsync($"/Projects?q={Uri.EscapeDataString(Managed)}");
        await page.GetByRole(AriaRole.Link, new() { Name = Managed, Exact = true }).ClickAsync();
        await page.Locator($"#manager-{managerId}").CheckAsync();
        await page.Locator("main form button[type=submit]", new() { HasText = "保存" }).First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(Managed);

        // The imported inspector may inspect that project only.
        await page.GotoAsync($"/People?q={Uri.EscapeDataString(InspectorEmail)}");
        await page.GetByRole(AriaRole.Link, new() { Name = "赵检查", Exact = true }).ClickAsync();
        await page.Locator($"input[name='InspectableProjectIds'][value='{managedId}']").CheckAsync();
        await BrowserApp.ScreenshotAsync(page, "admin-person-projects");
        await page.Locator("main form button[type=submit]", new() { HasText = "保存" }).First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal([managedId], await WithDbAsync(db => db.People.Where(p => p.Email == InspectorEmail)
            .SelectMany(p => p.InspectableProjects.Select(i => i.ProjectId)).ToListAsync()));

        // A new person with an account and no password typed: the generated one-time password is shown once.
        await page.GotoAsync("/People/Create");
        await page.Locator("#DisplayName").FillAsync("钱新人");
        var email = $"qian.{Guid.NewGuid():N}"[..13] + "@example.org";
        await page.Locator("#Email").FillAsync(email);
        if (!await page.Locator("#HasAccount").IsCheckedAsync())
        {
            await page.Locator("#HasAccount").CheckAsync();
        }

        await page.Locator("#role-Inspector").CheckAsync();
        await page.Locator("main form button[type=submit]", new() { HasText = "保存" }).First.ClickAsync();
        await Expect(page.GetByTestId("one-time-password")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("one-time-password")).ToContainTextAsync(email);
        await BrowserApp.ScreenshotAsync(page, "admin-person");

        // The manager administers the projects they manage: the new managed one, not the other.
        var manager = await app.NewPageAsync();
        await BrowserApp.SignInAsync(manager, "manager@demo.local");
        await manager.GotoAsync("/Projects");
        await Expect(manager.Locator("main")).ToContainTextAsync(Managed);
        await Expect(manager.Locator("main")).Not.ToContainTextAsync(NotManaged);
        await BrowserApp.ScreenshotAsync(manager, "admin-manager-projects");
    }

    private async Task<T> WithDbAsync<T>(Func<ServiceReviewDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>());
    }

    private static void WriteWorkbook(string path)
    {
        using var workbook = new XLWorkbook();
        Fill(workbook.AddWorksheet("人员"), ["姓名", "邮箱", "角色", "检查员类型", "从业年限", "创建账户"],
        [
            ["赵检查", InspectorEmail, "检查员", "项目运营负责人", "8", "是"],
            ["钱组长", "qian.browser@example.org", "服务组负责人", "", "", "是"],
            ["孙组长", "sun.browser@example.org", "服务组负责人", "", "", "是"],
        ]);
        Fill(workbook.AddWorksheet("服务组"), ["项目", "客户", "服务组", "负责人邮箱", "成员邮箱"],
        [
            [Managed, "花园业主委员会", "花园客服组", "qian.browser@example.org", ""],
            [NotManaged, "商务楼物业公司", "商务楼客服组", "sun.browser@example.org", ""],
        ]);
        workbook.SaveAs(path);
    }

    private static void Fill(IXLWorksheet sheet, string[] header, string[][] rows)
    {
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(header[c]);
        }

        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cell(r + 2, c + 1).SetValue(rows[r][c]);
            }
        }
    }
}
