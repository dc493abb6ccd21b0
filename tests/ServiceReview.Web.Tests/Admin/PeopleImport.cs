using System.Net.Http.Headers;
using ClosedXML.Excel;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Admin;

/// <summary>Builds people-and-teams workbooks as an administrator would fill the template, and uploads them.</summary>
internal static class PeopleImport
{
    public static readonly string[] PeopleHeader = ["姓名", "邮箱", "角色", "检查员类型", "从业年限", "创建账户", "可检查项目"];

    public static readonly string[] TeamsHeader = ["项目", "客户", "服务组", "负责人邮箱", "成员邮箱"];

    /// <summary>A workbook with the People and Teams sheets; a row may stop before the last columns.</summary>
    public static byte[] Workbook(string[][] people, string[][] teams)
    {
        using var workbook = new XLWorkbook();
        Fill(workbook.AddWorksheet("人员"), PeopleHeader, people);
        Fill(workbook.AddWorksheet("服务组"), TeamsHeader, teams);
        return Save(workbook);
    }

    public static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Posts the file to the import page with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file)
    {
        var token = ServiceReviewWebFactory.FormTokenOf(await client.GetStringAsync("/People/Import"));
        using var content = new MultipartFormDataContent();
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(bytes, "file", "people.xlsx");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync("/People/Import", content);
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
