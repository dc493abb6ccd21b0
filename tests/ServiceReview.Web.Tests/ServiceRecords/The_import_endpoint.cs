using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Features.ServiceRecords.Import;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.ServiceRecords;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_import_endpoint(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string ChineseHeader = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))).ToArray();

    private static string Row(string ticket, string received = "2026-09-01 09:15", string response = "2026/9/1 9:40", string channel = "电话") =>
        $"{ticket},王先生,{channel},需求,\"空调不制冷, 要求上门\",{received},{response},2026年9月1日 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00";

    private async Task<(HttpClient Client, int TeamId)> LeadAsync()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        return (client, await factory.TeamLedByAsync("lead1@demo.local"));
    }

    private Task<int> CountAsync(int teamId, string prefix) =>
        factory.WithDbAsync(db => db.ServiceRecords.CountAsync(r => r.TeamId == teamId && r.TicketId.StartsWith(prefix)));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task A_clean_csv_with_chinese_headers_imports_and_reimporting_it_updates_instead_of_duplicating()
    {
        var (client, teamId) = await LeadAsync();
        var file = Csv(ChineseHeader, Row("IMP-A-1"), Row("IMP-A-2"), Row("IMP-A-3"));

        var first = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "records.csv");
        var second = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "records.csv");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await JsonAsync(first);
        Assert.Equal((3, 0), (body.GetProperty("imported").GetInt32(), body.GetProperty("updated").GetInt32()));
        var again = await JsonAsync(second);
        Assert.Equal((0, 3), (again.GetProperty("imported").GetInt32(), again.GetProperty("updated").GetInt32()));
        Assert.Equal(3, await CountAsync(teamId, "IMP-A-"));
        var stored = await factory.WithDbAsync(db => db.ServiceRecords.SingleAsync(r => r.TeamId == teamId && r.TicketId == "IMP-A-1"));
        Assert.Equal(new DateTime(2026, 9, 1, 1, 15, 0, DateTimeKind.Utc), stored.ReceivedAt); // 09:15 Shanghai
        Assert.Equal(new DateTime(2026, 9, 1, 7, 20, 0, DateTimeKind.Utc), stored.ResolvedAt);
        Assert.Equal("空调不制冷, 要求上门", stored.Summary);
        Assert.True(await factory.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "ServiceRecordsImported" && a.EntityId == teamId.ToString())));
    }

    [Fact]
    public async Task An_xlsx_with_english_headers_in_another_order_and_excel_serial_dates_imports()
    {
        var (client, teamId) = await LeadAsync();
        // 46266.5 = 2026-09-01 12:00.
        var file = XlsxTemplate.Write([
            ["ReceivedAt", "TicketId", "Channel", "Type", "Resolved At First Contact", "FirstResponseAt"],
            ["46266.5", "IMP-B-1", "E-mail", "Complaint", "no", "2026-09-01 12:30"],
        ]);

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "records.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.ServiceRecords.SingleAsync(r => r.TeamId == teamId && r.TicketId == "IMP-B-1"));
        Assert.Equal(new DateTime(2026, 9, 1, 4, 0, 0, DateTimeKind.Utc), stored.ReceivedAt);
        Assert.Equal(Core.ServiceRecords.ServiceChannel.Email, stored.Channel);
        Assert.False(stored.ResolvedAtFirstContact);
    }

    [Fact]
    public async Task Wrong_headers_are_reported_on_row_1_and_nothing_is_written()
    {
        var (client, teamId) = await LeadAsync();
        var file = Csv("工单号,客户名称,受理日期", "IMP-C-1,王先生,2026-09-01 09:15");

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "records.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([(1, "客户名称", "UnknownHeader"), (1, "受理日期", "UnknownHeader"), (1, "受理时间", "MissingHeader")], errors);
        Assert.Equal(0, await CountAsync(teamId, "IMP-C-"));
    }

    [Fact]
    public async Task Bad_dates_times_out_of_order_unknown_words_and_duplicate_tickets_are_listed_by_row_and_column_and_nothing_is_written()
    {
        var (client, teamId) = await LeadAsync();
        var file = Csv(
            ChineseHeader,
            Row("IMP-D-1"),
            Row("IMP-D-2", received: "2026-13-01 09:00"),
            Row("IMP-D-3", response: "2026-09-01 08:00"),
            Row("IMP-D-4", channel: "飞鸽传书"),
            Row("IMP-D-1"));

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "records.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await JsonAsync(response);
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("value").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal(
            [
                (3, "受理时间", "2026-13-01 09:00", "BadDate"),
                (4, "首次响应时间", "2026-09-01 08:00", "ResponseBeforeReceipt"),
                (5, "渠道", "飞鸽传书", "BadChannel"),
                (6, "工单号", "IMP-D-1", "DuplicateTicket"),
            ],
            errors);
        Assert.All(body.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        Assert.Equal(0, await CountAsync(teamId, "IMP-D-"));
    }

    [Fact]
    public async Task With_partial_the_clean_rows_only_are_imported_and_the_errors_still_listed()
    {
        var (client, teamId) = await LeadAsync();
        var file = Csv(ChineseHeader, Row("IMP-E-1"), Row("IMP-E-2", received: "yesterday"), Row("IMP-E-3"));

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "records.csv", partial: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(2, body.GetProperty("imported").GetInt32());
        Assert.Equal(3, body.GetProperty("errors")[0].GetProperty("row").GetInt32());
        Assert.Equal(2, await CountAsync(teamId, "IMP-E-"));
    }

    [Fact]
    public async Task Junk_is_refused_as_neither_workbook_nor_csv_and_ten_megabytes_of_it_as_too_big_and_nothing_is_written()
    {
        var (client, teamId) = await LeadAsync();
        var junk = new byte[10 * 1024 * 1024];
        new Random(7).NextBytes(junk);
        var before = await factory.WithDbAsync(db => db.ServiceRecords.CountAsync());

        var big = await ServiceReviewWebFactory.PostImportAsync(client, teamId, junk, "junk.csv");
        var small = await ServiceReviewWebFactory.PostImportAsync(client, teamId, junk[..(1024 * 1024)], "junk.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("Uploads.Refused.SynchronousBytes", (await JsonAsync(big)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, small.StatusCode);
        Assert.Equal("Uploads.Refused.NotATable", (await JsonAsync(small)).GetProperty("code").GetString());
        Assert.Equal(before, await factory.WithDbAsync(db => db.ServiceRecords.CountAsync()));
    }

    [Fact]
    public async Task An_xlsx_with_formulas_is_refused_cell_by_cell_and_nothing_is_written()
    {
        var (client, teamId) = await LeadAsync();

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, WorkbookWithFormula(), "formulas.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((2, "首次响应时间", "Formula"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(0, await CountAsync(teamId, "IMP-F-"));
    }

    [Fact]
    public async Task A_team_lead_cannot_import_into_another_team_and_an_inspector_cannot_import_at_all()
    {
        var lead2 = await factory.SignedInAsync("lead2@demo.local");
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var file = Csv(ChineseHeader, Row("IMP-G-1"));

        Assert.Equal(HttpStatusCode.Forbidden, (await ServiceReviewWebFactory.PostImportAsync(lead2, teamId, file, "records.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ServiceReviewWebFactory.PostImportAsync(inspector, teamId, file, "records.csv")).StatusCode);
        Assert.Equal(0, await CountAsync(teamId, "IMP-G-"));
    }

    [Fact]
    public async Task A_manager_may_import_into_any_team_and_an_unknown_team_is_404()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");
        var teamId = await factory.TeamLedByAsync("lead2@demo.local");

        Assert.Equal(HttpStatusCode.OK, (await ServiceReviewWebFactory.PostImportAsync(manager, teamId, Csv(ChineseHeader, Row("IMP-H-1")), "r.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ServiceReviewWebFactory.PostImportAsync(manager, 99999, Csv(ChineseHeader, Row("IMP-H-2")), "r.csv")).StatusCode);
    }

    private static byte[] WorkbookWithFormula()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            Cell Text(string reference, string value) => new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };
            part.Worksheet = new Worksheet(new SheetData(
                new Row(Text("A1", "工单号"), Text("B1", "受理时间"), Text("C1", "首次响应时间")) { RowIndex = 1 },
                new Row(Text("A2", "IMP-F-1"), new Cell { CellReference = "B2", CellValue = new CellValue("46266.5") },
                    new Cell { CellReference = "C2", CellFormula = new CellFormula("B2+1/24"), CellValue = new CellValue("46266.541666") })
                { RowIndex = 2 }));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Sheet1" }));
        }

        return memory.ToArray();
    }
}
