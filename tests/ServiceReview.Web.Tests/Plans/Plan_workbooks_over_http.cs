using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Plans;

/// <summary>Export, template and import through the pages and POST /api/plans/import.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Plan_workbooks_over_http(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, byte[] bytes, string fileName, string tokenPage)
    {
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, tokenPage);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", fileName);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private Task<int> VersionCountAsync() => factory.WithDbAsync(db => db.PlanVersions.CountAsync());

    [Fact]
    public async Task The_exported_default_plan_is_a_workbook_that_imports_back_to_an_identical_draft()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var v1 = await factory.DefaultPlanVersionIdAsync();

        var export = await client.GetAsync($"/plans/{v1}/export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();

        var response = await UploadAsync(client, "/api/plans/import", bytes, "考评表.xlsx", "/plans/import");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        Assert.Equal($"/api/plans/{id}", response.Headers.Location!.OriginalString);
        var imported = await factory.LoadPlanVersionAsync(id);
        Assert.Equal(PlanVersionStatus.Draft, imported.Status);
        Assert.Empty(PlanComparer.Compare(await factory.LoadPlanVersionAsync(v1), imported));
        var planIds = await factory.WithDbAsync(db => db.PlanVersions.Where(v => v.Id == id || v.Id == v1).Select(v => v.PlanId).Distinct().CountAsync());
        Assert.Equal(1, planIds); // a new version of the same plan, not a second plan
    }

    [Fact]
    public async Task A_bad_workbook_gets_422_with_every_problem_by_row_and_nothing_is_created()
    {
        var client = await factory.SignedInAsync("admin@demo.local");
        using var workbook = new XLWorkbook(new MemoryStream(PlanWorkbookWriter.Write(DefaultPlan.CreateVersion(), WorkbookLanguage.Chinese)));
        workbook.Worksheet("指标").Cell(3, 9).SetValue("六分");
        workbook.Worksheet("指标").Cell(5, 9).FormulaA1 = "5*2";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        var before = await VersionCountAsync();

        var response = await UploadAsync(client, "/api/plans/import", stream.ToArray(), "坏表.xlsx", "/plans/import");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("value").GetString(), e.GetProperty("message").GetString()!.Length > 0))
            .ToList();
        Assert.Equal([(3, "满分", "六分", true), (5, "满分", "=5*2", true)], errors);
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task An_empty_upload_to_the_api_is_refused_with_422()
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        var response = await UploadAsync(client, "/api/plans/import", [], "empty.xlsx", "/plans/import");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Plans.Import.NotAWorkbook", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_page_shows_the_problems_in_a_table_in_Chinese()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        using var workbook = new XLWorkbook(new MemoryStream(PlanWorkbookWriter.Write(DefaultPlan.CreateVersion(), WorkbookLanguage.Chinese)));
        workbook.Worksheet("指标").Range("B2:B4").Merge();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        var before = await VersionCountAsync();

        var response = await UploadAsync(client, "/plans/import", stream.ToArray(), "合并.xlsx", "/plans/import");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Plans.Import.Failed"), html);
        Assert.Matches(Texts.ZhPattern("Plans.Import.MergedCells"), html);
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task The_import_page_turns_a_good_workbook_into_a_draft_and_opens_it_in_the_editor()
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        var response = await UploadAsync(client, "/plans/import", PlanWorkbookWriter.Template(WorkbookLanguage.Chinese), "模板.xlsx", "/plans/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = ServiceReviewWebFactory.IdFromLocation(response);
        Assert.Equal("示例方案", (await factory.LoadPlanVersionAsync(id)).Name);
        Assert.Matches(Texts.ZhPattern("Plans.Import.Done"), await client.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    [Theory]
    [InlineData("zh-CN", "指标", "类别编号")]
    [InlineData("en", "Indicators", "Category code")]
    public async Task The_template_follows_the_language_of_the_user(string culture, string sheet, string firstColumn)
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        var bytes = await client.GetByteArrayAsync($"/plans/template?culture={culture}");

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal(firstColumn, workbook.Worksheet(sheet).Cell(1, 1).GetString());
    }
}
