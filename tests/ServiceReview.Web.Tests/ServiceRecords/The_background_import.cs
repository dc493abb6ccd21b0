using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.ServiceRecords;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_background_import(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Header = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间";

    private static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))).ToArray();

    private static string Row(string ticket, string received = "2026-09-01 09:15") =>
        $"{ticket},王先生,电话,需求,空调不制冷,{received},2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00";

    private Task<int> CountAsync(int teamId, string prefix) =>
        factory.WithDbAsync(db => db.ServiceRecords.CountAsync(r => r.TeamId == teamId && r.TicketId.StartsWith(prefix)));

    [Fact]
    public async Task A_big_file_uploaded_on_the_page_is_imported_in_the_background_with_progress_and_the_result_page_goes_to_the_team()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var file = Csv(new[] { Header }.Concat(Enumerable.Range(1, 2500).Select(i => Row($"BG-A-{i:00000}"))));

        var jobId = ServiceReviewWebFactory.ImportJobId(await ServiceReviewWebFactory.PostImportPageAsync(client, teamId, file, "big.csv"));
        var progressPage = await client.GetAsync($"/ServiceRecords/ImportProgress/{jobId}");
        var status = await ServiceReviewWebFactory.WaitForImportAsync(client, jobId);

        Assert.True(progressPage.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        Assert.Equal("Done", status.GetProperty("state").GetString());
        Assert.Equal(2500, status.GetProperty("rowsRead").GetInt32());
        Assert.Equal(2500, status.GetProperty("imported").GetInt32());
        Assert.Equal(100, status.GetProperty("percent").GetInt32());
        Assert.True(status.GetProperty("written").GetBoolean());
        Assert.Equal(2500, await CountAsync(teamId, "BG-A-"));
        Assert.False(await factory.WithDbAsync(db => db.ImportJobFiles.AnyAsync(f => db.ImportJobs.Any(j => j.Key == jobId && j.Id == f.ImportJobId))));
        var result = await client.GetAsync($"/ServiceRecords/ImportResult/{jobId}");
        Assert.Equal(HttpStatusCode.Redirect, result.StatusCode);
        Assert.Equal($"/ServiceRecords/Team/{teamId}", result.Headers.Location!.OriginalString);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "ServiceRecordsImported" && a.NewValue!.Contains("big.csv"))));
    }

    [Fact]
    public async Task A_file_with_errors_is_reported_row_by_row_and_nothing_is_written()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var file = Csv([Header, Row("BG-B-1"), Row("BG-B-2", received: "2026-13-01 09:00"), Row("BG-B-3")]);

        var jobId = ServiceReviewWebFactory.ImportJobId(await ServiceReviewWebFactory.PostImportPageAsync(client, teamId, file, "bad.csv"));
        var status = await ServiceReviewWebFactory.WaitForImportAsync(client, jobId);
        var page = await client.GetAsync($"/ServiceRecords/ImportResult/{jobId}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(1, status.GetProperty("errors").GetInt32());
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.False(status.GetProperty("written").GetBoolean());
        Assert.Equal(0, await CountAsync(teamId, "BG-B-"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("2026-13-01 09:00", html);
        Assert.Contains("bad.csv", html);
    }

    [Fact]
    public async Task With_clean_rows_only_the_clean_rows_are_written_and_the_errors_counted()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var file = Csv([Header, Row("BG-C-1"), Row("BG-C-2", received: "yesterday"), Row("BG-C-3")]);

        var jobId = ServiceReviewWebFactory.ImportJobId(await ServiceReviewWebFactory.PostImportPageAsync(client, teamId, file, "partial.csv", partial: true));
        var status = await ServiceReviewWebFactory.WaitForImportAsync(client, jobId);

        Assert.Equal(2, status.GetProperty("imported").GetInt32());
        Assert.Equal(1, status.GetProperty("errors").GetInt32());
        Assert.Equal(2, await CountAsync(teamId, "BG-C-"));
    }

    [Fact]
    public async Task The_uploader_and_managers_see_the_status_another_teams_lead_gets_404_an_inspector_403_and_signed_out_401()
    {
        var lead1 = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var jobId = ServiceReviewWebFactory.ImportJobId(
            await ServiceReviewWebFactory.PostImportPageAsync(lead1, teamId, Csv([Header, Row("BG-D-1")]), "mine.csv"));
        await ServiceReviewWebFactory.WaitForImportAsync(lead1, jobId);

        var lead2 = await factory.SignedInAsync("lead2@demo.local");
        var manager = await factory.SignedInAsync("manager@demo.local");
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var signedOut = factory.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync($"/api/service-records/imports/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/service-records/imports/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync($"/api/service-records/imports/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedOut.GetAsync($"/api/service-records/imports/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync($"/ServiceRecords/ImportProgress/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync($"/ServiceRecords/ImportResult/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead1.GetAsync($"/api/service-records/imports/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_teams_page_lists_recent_imports_with_status_counts_and_a_link_to_the_errors_for_those_who_may_edit_it()
    {
        var lead1 = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var file = Csv([Header, Row("BG-F-1"), Row("BG-F-2", received: "someday"), Row("BG-F-3")]);
        var jobId = ServiceReviewWebFactory.ImportJobId(await ServiceReviewWebFactory.PostImportPageAsync(lead1, teamId, file, "recent-partial.csv", partial: true));
        await ServiceReviewWebFactory.WaitForImportAsync(lead1, jobId);

        var page = await lead1.GetStringAsync($"/ServiceRecords/Team/{teamId}");
        var details = await lead1.GetAsync($"/ServiceRecords/ImportResult/{jobId}?details=true");
        var detailsHtml = await details.Content.ReadAsStringAsync();
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var inspectorTeam = await factory.WithDbAsync(db => db.ImportJobs.Where(j => j.Key == jobId).Select(j => j.TeamId).SingleAsync());
        var inspectorPage = await inspector.GetAsync($"/ServiceRecords/Team/{inspectorTeam}");

        Assert.Contains("recent-partial.csv", page);
        Assert.Contains($"/ServiceRecords/ImportResult/{jobId}?details=true", page);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Contains("someday", detailsHtml);
        Assert.Contains("alert-warning", detailsHtml);
        Assert.DoesNotContain("recent-partial.csv", inspectorPage.IsSuccessStatusCode ? await inspectorPage.Content.ReadAsStringAsync() : "");
    }

    [Fact]
    public async Task Another_teams_lead_cannot_upload_to_a_team_that_is_not_theirs()
    {
        var lead2 = await factory.SignedInAsync("lead2@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");

        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(lead2, "/ServiceRecords/Import?teamId=" + await factory.TeamLedByAsync("lead2@demo.local"));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Csv([Header, Row("BG-E-1")])), "file", "x.csv" }, { new StringContent(token), "__RequestVerificationToken" } };
        var response = await lead2.PostAsync($"/ServiceRecords/Import?teamId={teamId}", form);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("ImportProgress", response.Headers.Location?.OriginalString ?? "");
        Assert.Equal(0, await CountAsync(teamId, "BG-E-"));
    }
}
