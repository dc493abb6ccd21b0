using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Web.Tests.Infrastructure;
using static ServiceReview.Web.Tests.Admin.AdminTestData;

namespace ServiceReview.Web.Tests.Admin;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Importing_people_and_teams(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_clean_workbook_creates_people_accounts_a_project_and_a_team_and_shows_each_password_once()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var file = PeopleImport.Workbook(
            [
                ["陈检查", "chen.import@example.org", "检查员", "项目领导", "12", "是"],
                ["杨检查", "yang.import@example.org", "Inspector", "TechnicalStaff", "3", ""],
                ["黄组长", "huang.import@example.org", "服务组负责人", "", "", "是"],
                ["何组员", "he.import@example.org", "", "", "", "否"],
            ],
            [["导入新项目", "导入客户", "导入一组", "huang.import@example.org", "he.import@example.org，inspector4@demo.local"]]);

        var response = await PeopleImport.ImportAsync(client, file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches(Texts.ZhPattern("Admin.Import.Done"), html);
        Assert.Contains("data:text/csv", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var chen = await factory.PersonByEmailAsync("chen.import@example.org");
        Assert.Equal(new InspectorProfile(InspectorType.ProjectLeader, 12), chen!.InspectorProfile);
        Assert.Equal([Roles.Inspector], (await factory.AccountAsync("yang.import@example.org")).Roles);
        Assert.Null((await factory.PersonByEmailAsync("he.import@example.org"))!.UserId);
        var team = await factory.WithDbAsync(db => db.Teams.Include(t => t.Members).AsNoTracking().FirstAsync(t => t.Name == "导入一组"));
        Assert.Equal(await factory.PersonIdAsync("huang.import@example.org"), team.LeadId);
        Assert.Equal(2, team.Members.Count);
        Assert.Equal("Imported", Assert.Single(await factory.AuditOfAsync("Team", team.Id)).Action);

        var password = System.Text.RegularExpressions.Regex.Match(html, "chen.import@example.org</td><td class=\"font-monospace user-select-all\">([^<]+)<").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "chen.import@example.org", password)).StatusCode);
        Assert.DoesNotContain(password, await client.GetStringAsync("/People/Import"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_with_bad_rows_lists_every_problem_by_sheet_row_and_column_and_creates_nothing()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var peopleBefore = await factory.WithDbAsync(db => db.People.CountAsync());
        var file = PeopleImport.Workbook(
            [
                ["", "missing.name@example.org", "检查员", "项目领导", "5", "是"],
                ["坏角色", "bad.role@example.org", "超级用户", "", "", "是"],
                ["已存在", "inspector1@demo.local", "检查员", "项目领导", "5", "是"],
                ["坏年限", "bad.years@example.org", "检查员", "技术人员", "一百", "是"],
                ["无类型", "no.type@example.org", "检查员", "", "", "是"],
                ["重复", "bad.years@example.org", "", "", "", "否"],
            ],
            [["新项目无客户", "", "某组", "nobody@example.org", "bad.role@example.org"]]);

        var response = await PeopleImport.ImportAsync(client, file);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), @">\s+<", "><");
        Assert.Contains("<td>人员</td><td>2</td><td>姓名</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>人员</td><td>3</td><td>角色</td><td class=\"font-monospace small\">超级用户</td>", html, StringComparison.Ordinal);
        Assert.Matches(Texts.ZhPattern("Admin.Import.EmailExists"), html);
        Assert.Contains("<td>人员</td><td>5</td><td>从业年限</td>", html, StringComparison.Ordinal);
        Assert.Matches(Texts.ZhPattern("Admin.Import.InspectorNeedsType"), html);
        Assert.Matches(Texts.ZhPattern("Admin.Import.EmailTwice"), html);
        Assert.Matches(Texts.ZhPattern("Admin.Import.CustomerForNewProject"), html);
        Assert.Contains("<td>服务组</td><td>2</td><td>负责人邮箱</td><td class=\"font-monospace small\">nobody@example.org</td>", html, StringComparison.Ordinal);
        Assert.Equal(peopleBefore, await factory.WithDbAsync(db => db.People.CountAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Name == "新项目无客户")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_or_lacks_a_required_column_is_refused()
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var garbage = await PeopleImport.ImportAsync(client, "这不是 Excel 文件"u8.ToArray());
        using var noEmail = new XLWorkbook();
        var sheet = noEmail.AddWorksheet("人员");
        sheet.Cell(1, 1).SetValue("姓名");
        sheet.Cell(1, 2).SetValue("电话");
        sheet.Cell(2, 1).SetValue("某人");
        var missing = await PeopleImport.ImportAsync(client, PeopleImport.Save(noEmail));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        Assert.Contains(Texts.Zh("Admin.Import.NotAWorkbook"), WebUtility.HtmlDecode(await garbage.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Matches(Texts.ZhPattern("Admin.Import.MissingHeader"), html);
        Assert.Matches(Texts.ZhPattern("Admin.Import.UnknownHeader"), html);
    }

    [Fact]
    public async Task The_template_has_both_sheets_with_their_headers_and_imports_as_nothing_to_import()
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var template = await client.GetByteArrayAsync("/People/Template");

        using (var workbook = new XLWorkbook(new MemoryStream(template)))
        {
            Assert.Equal(PeopleImport.PeopleHeader, workbook.Worksheet("人员").Row(1).Cells(1, 7).Select(c => c.GetString()));
            Assert.Equal(PeopleImport.TeamsHeader, workbook.Worksheet("服务组").Row(1).Cells(1, 5).Select(c => c.GetString()));
        }

        var response = await PeopleImport.ImportAsync(client, template);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Admin.Import.NoRows"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
