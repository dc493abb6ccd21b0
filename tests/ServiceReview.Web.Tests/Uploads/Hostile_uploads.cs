using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Resources;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Testing.Builders;
using ServiceReview.Web.Tests.Admin;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Uploads;

/// <summary>
/// Every upload that reads a file (service records: API, page, background job; plan import: API and page; people and
/// teams) refuses bombs, oversize and wrong-type files with 413/422 and a message naming the limit, and saves nothing.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Hostile_uploads(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Header = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间";

    private static readonly ResourceManager Resources = new("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>The Chinese message (the default culture) of a refusal, as the page shows it.</summary>
    private static string Message(string code, string limit) =>
        HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(string.Format(CultureInfo.InvariantCulture, Resources.GetString("Uploads.Refused." + code, new CultureInfo("zh-CN"))!, limit));

    private static string Row(string ticket) =>
        $"{ticket},王先生,电话,需求,空调不制冷,2026-09-01 09:15,2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00";

    private async Task<(HttpClient Client, int TeamId)> LeadAsync() =>
        (await factory.SignedInAsync("lead1@demo.local"), await factory.TeamLedByAsync("lead1@demo.local"));

    private Task<int> RecordCountAsync(int teamId) => factory.WithDbAsync(db => db.ServiceRecords.CountAsync(r => r.TeamId == teamId));

    private Task<int> JobCountAsync() => factory.WithDbAsync(db => db.ImportJobs.CountAsync());

    private Task<int> PlanVersionCountAsync() => factory.WithDbAsync(db => db.PlanVersions.CountAsync());

    private Task<int> PeopleCountAsync() => factory.WithDbAsync(db => db.People.CountAsync());

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static TheoryData<string, string, string> Workbooks => new()
    {
        { "bomb", "SheetSize", "384 MiB" },
        { "many-strings", "SharedStrings", "500000" },
        { "long-cell", "CellText", "32767" },
        { "many-rows", "Rows", "200000" },
        { "many-columns", "Columns", "100" },
    };

    private static byte[] File(string name) => name switch
    {
        "bomb" => UploadBombs.Bomb400MiB,
        "many-strings" => UploadBombs.ManyStrings(500_001),
        "long-cell" => UploadBombs.LongCell(40_000),
        "many-rows" => UploadBombs.RowNumbered(200_001),
        "many-columns" => UploadBombs.CellInColumn(101),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Workbooks))]
    public async Task The_synchronous_api_refuses_a_hostile_workbook_with_413_and_a_problem_naming_the_limit(string name, string code, string limit)
    {
        var (client, teamId) = await LeadAsync();
        var before = await RecordCountAsync(teamId);

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, File(name), "records.xlsx");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("Uploads.Refused." + code, problem.GetProperty("code").GetString());
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal(before, await RecordCountAsync(teamId));
    }

    [Fact]
    public async Task The_synchronous_api_is_not_fooled_by_a_central_directory_that_lies()
    {
        var (client, teamId) = await LeadAsync();

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, UploadBombs.LyingDirectory(UploadBombs.Bomb400MiB), "records.xlsx");

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity, $"{response.StatusCode}");
    }

    [Fact]
    public async Task A_png_named_xlsx_is_refused_by_its_content_with_422_everywhere()
    {
        var (client, teamId) = await LeadAsync();
        var jobs = await JobCountAsync();

        var api = await ServiceReviewWebFactory.PostImportAsync(client, teamId, UploadBombs.Png(), "records.xlsx");
        var page = await ServiceReviewWebFactory.PostImportPageAsync(client, teamId, UploadBombs.Png(), "records.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Equal("Uploads.Refused.NotATable", (await ProblemAsync(api)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        Assert.Contains(Message("NotATable", ""), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(jobs, await JobCountAsync());
    }

    [Fact]
    public async Task A_gb18030_csv_from_chinese_excel_imports_with_its_chinese_text_intact()
    {
        var (client, teamId) = await LeadAsync();
        var file = UploadBombs.Gb18030(Header + "\r\n" + Row("GB-1").Replace("空调不制冷", "空调不制冷，要求上门（㐀）", StringComparison.Ordinal) + "\r\n");

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "记录.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.ServiceRecords.SingleAsync(r => r.TeamId == teamId && r.TicketId == "GB-1"));
        Assert.Equal(("王先生", "空调不制冷，要求上门（㐀）", "张敏"), (stored.Customer, stored.Summary, stored.Handler));
    }

    [Fact]
    public async Task An_endless_quoted_field_is_refused_by_the_api_with_413_and_fails_the_background_job_with_the_same_message()
    {
        var (client, teamId) = await LeadAsync();
        var file = UploadBombs.EndlessQuote(Header, 300_000);
        var before = await RecordCountAsync(teamId);

        var api = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "endless.csv");
        var jobId = ServiceReviewWebFactory.ImportJobId(await ServiceReviewWebFactory.PostImportPageAsync(client, teamId, file, "endless.csv"));
        var status = await ServiceReviewWebFactory.WaitForImportAsync(client, jobId);
        var result = await client.GetAsync($"/ServiceRecords/ImportResult/{jobId}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("Uploads.Refused.CsvRecord", (await ProblemAsync(api)).GetProperty("code").GetString());
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.False(status.GetProperty("written").GetBoolean());
        var html = await result.Content.ReadAsStringAsync();
        Assert.Contains("data-import-error=\"Upload.CsvRecord\"", html, StringComparison.Ordinal);
        Assert.Contains(Message("CsvRecord", "100000"), html, StringComparison.Ordinal);
        Assert.Equal(before, await RecordCountAsync(teamId));
    }

    [Fact]
    public async Task The_page_refuses_a_bomb_on_the_form_and_queues_nothing()
    {
        var (client, teamId) = await LeadAsync();
        var jobs = await JobCountAsync();

        var response = await ServiceReviewWebFactory.PostImportPageAsync(client, teamId, UploadBombs.Bomb400MiB, "records.xlsx");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(Message("SheetSize", "384 MiB"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(jobs, await JobCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_synchronous_row_limit_gets_413_pointing_at_the_background_import_and_nothing_is_written()
    {
        var (client, teamId) = await LeadAsync();
        var file = Encoding.UTF8.GetBytes(string.Join("\r\n", new[] { Header }.Concat(Enumerable.Range(1, 20_001).Select(i => Row($"BIG-{i:00000}")))));
        var before = await RecordCountAsync(teamId);

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "big.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("Uploads.Refused.SynchronousRows", problem.GetProperty("code").GetString());
        Assert.Equal($"/ServiceRecords/Import?teamId={teamId}", problem.GetProperty("backgroundImport").GetString());
        Assert.Equal(before, await RecordCountAsync(teamId));
    }

    [Fact]
    public async Task A_file_over_the_synchronous_byte_limit_is_refused_before_it_is_read()
    {
        var (client, teamId) = await LeadAsync();
        var file = Encoding.UTF8.GetBytes(Header + "\r\n" + new string('x', (8 * 1024 * 1024) + 1));

        var response = await ServiceReviewWebFactory.PostImportAsync(client, teamId, file, "big.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(("Uploads.Refused.SynchronousBytes", "8 MiB"), (problem.GetProperty("code").GetString(), problem.GetProperty("limit").GetString()));
        Assert.StartsWith("/ServiceRecords/Import", problem.GetProperty("backgroundImport").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadPlanAsync(HttpClient client, string path, byte[] bytes)
    {
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, "/plans/import");
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "plan.xlsx");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    public static TheoryData<string, string, string> SmallWorkbooks => new()
    {
        { "bomb", "SheetSize", "8 MiB" },
        { "many-strings", "SharedStrings", "100000" },
        { "long-cell", "CellText", "32767" },
        { "many-rows", "Rows", "10000" },
        { "many-columns", "Columns", "100" },
    };

    private static byte[] SmallFile(string name) => name switch
    {
        "many-strings" => UploadBombs.ManyStrings(100_001),
        "many-rows" => UploadBombs.RowNumbered(10_001),
        _ => File(name),
    };

    [Theory]
    [MemberData(nameof(SmallWorkbooks))]
    public async Task The_plan_import_refuses_a_hostile_workbook_through_the_api_and_the_page(string name, string code, string limit)
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var before = await PlanVersionCountAsync();

        var api = await UploadPlanAsync(client, "/api/plans/import", SmallFile(name));
        var page = await UploadPlanAsync(client, "/plans/import", SmallFile(name));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("Uploads.Refused." + code, (await ProblemAsync(api)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Contains(Message(code, limit), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await PlanVersionCountAsync());
    }

    [Fact]
    public async Task The_plan_import_refuses_a_png_as_not_a_workbook_with_422()
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        var api = await UploadPlanAsync(client, "/api/plans/import", UploadBombs.Png());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains("Plans.Import.NotAWorkbook", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SmallWorkbooks))]
    public async Task The_people_import_refuses_a_hostile_workbook_on_its_form(string name, string code, string limit)
    {
        var client = await factory.SignedInAsync("admin@demo.local");
        var before = await PeopleCountAsync();

        var response = await PeopleImport.ImportAsync(client, SmallFile(name));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(Message(code, limit), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await PeopleCountAsync());
    }

    [Fact]
    public async Task The_people_import_refuses_a_png_as_not_a_workbook_with_422()
    {
        var client = await factory.SignedInAsync("admin@demo.local");

        var response = await PeopleImport.ImportAsync(client, UploadBombs.Png());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task A_multipart_body_over_the_request_limit_is_refused_with_413_before_it_is_read()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");
        var admin = await factory.SignedInAsync("admin@demo.local");
        var tooBig = new byte[(5 * 1024 * 1024) + 1];

        var api = await UploadPlanAsync(manager, "/api/plans/import", tooBig);
        var page = await UploadPlanAsync(manager, "/plans/import", tooBig);
        var people = await PeopleImport.ImportAsync(admin, tooBig);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (api.StatusCode, page.StatusCode, people.StatusCode));
        var problem = await ProblemAsync(api);
        Assert.Equal(("Uploads.Refused.RequestSize", "5 MiB"), (problem.GetProperty("code").GetString(), problem.GetProperty("limit").GetString()));
        Assert.Contains(Message("RequestSize", "5 MiB"), await people.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-upload-refused=\"Uploads.Refused.RequestSize\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_sent_without_a_length_is_read_under_the_limit_and_refused_with_413()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");
        var token = ServiceReviewWebFactory.FormTokenOf(await admin.GetStringAsync("/People/Import"));
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(new UnknownLengthStream(new MemoryStream(new byte[(6 * 1024 * 1024) + 1])));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(file, "file", "people.xlsx");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/People/Import") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var before = await PeopleCountAsync();

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("data-upload-refused=\"Uploads.Refused.RequestSize\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await PeopleCountAsync());
    }

    /// <summary>A stream that does not tell its length, so that the client sends the body chunked.</summary>
    private sealed class UnknownLengthStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
