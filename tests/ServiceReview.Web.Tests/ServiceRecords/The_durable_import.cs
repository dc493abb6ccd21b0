using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.ServiceRecords;

/// <summary>Background imports kept in the database: they survive a restart and any instance shows them.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_durable_import
{
    private const string Header = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间";

    private static readonly Dictionary<string, string?> NoWorker = new() { ["Imports:WorkerEnabled"] = "false" };
    private static readonly Dictionary<string, string?> QuickWorker = new() { ["Imports:PollSeconds"] = "0.2", ["Imports:HeartbeatSeconds"] = "0.2" };

    private static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))).ToArray();

    private static string Row(string ticket, string received = "2026-09-01 09:15") =>
        $"{ticket},王先生,电话,需求,空调不制冷,{received},2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00";

    [Fact]
    public async Task A_queued_import_survives_a_restart_and_the_next_instance_on_the_same_database_finishes_it()
    {
        Guid jobId;
        int teamId;
        var first = ServiceReviewWebFactory.KeepingDatabase(NoWorker);
        using (first)
        {
            var lead = await first.SignedInAsync("lead1@demo.local");
            teamId = await first.TeamLedByAsync("lead1@demo.local");
            var file = Csv(new[] { Header }.Concat(Enumerable.Range(1, 300).Select(i => Row($"RS-{i:000}"))));
            jobId = ServiceReviewWebFactory.ImportJobId(await ServiceReviewWebFactory.PostImportPageAsync(lead, teamId, file, "restart.csv"));
            await Task.Delay(500);

            var status = await (await lead.GetAsync($"/api/service-records/imports/{jobId}")).Content.ReadAsStringAsync();
            Assert.Contains("\"state\":\"Queued\"", status);
            var progress = await lead.GetStringAsync($"/ServiceRecords/ImportProgress/{jobId}");
            Assert.Contains("restart.csv", progress);
        }

        using var second = ServiceReviewWebFactory.OnDatabaseOf(first, QuickWorker);
        var again = await second.SignedInAsync("lead1@demo.local");
        var done = await ServiceReviewWebFactory.WaitForImportAsync(again, jobId);

        Assert.Equal("Done", done.GetProperty("state").GetString());
        Assert.Equal(300, done.GetProperty("imported").GetInt32());
        Assert.Equal(300, await second.WithDbAsync(db => db.ServiceRecords.CountAsync(r => r.TeamId == teamId && r.TicketId.StartsWith("RS-"))));
        var job = await second.WithDbAsync(db => db.ImportJobs.SingleAsync(j => j.Key == jobId));
        Assert.Equal((ImportJobStatus.Succeeded, 1), (job.Status, job.Attempts));
    }

    [Fact]
    public async Task A_waiting_import_is_cancelled_by_its_teams_lead_once_with_an_audit_entry_but_not_by_another_teams_lead()
    {
        using var factory = ServiceReviewWebFactory.WithSettings(NoWorker);
        var lead1 = await factory.SignedInAsync("lead1@demo.local");
        var lead2 = await factory.SignedInAsync("lead2@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var jobId = ServiceReviewWebFactory.ImportJobId(
            await ServiceReviewWebFactory.PostImportPageAsync(lead1, teamId, Csv([Header, Row("CX-1")]), "cancel-me.csv"));

        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(lead1, $"/ServiceRecords/ImportProgress/{jobId}");
        var lead2Token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(lead2, "/Home/Index");
        var forbidden = await lead2.PostAsync($"/ServiceRecords/CancelImport/{jobId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = lead2Token }));
        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        Assert.Equal(ImportJobStatus.Queued, await factory.WithDbAsync(db => db.ImportJobs.Where(j => j.Key == jobId).Select(j => j.Status).SingleAsync()));

        var cancelled = await lead1.PostAsync($"/ServiceRecords/CancelImport/{jobId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var twice = await lead1.PostAsync($"/ServiceRecords/CancelImport/{jobId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal($"/ServiceRecords/Team/{teamId}", cancelled.Headers.Location!.OriginalString);
        Assert.Equal($"/ServiceRecords/ImportProgress/{jobId}", twice.Headers.Location!.OriginalString);
        Assert.Equal(ImportJobStatus.Cancelled, await factory.WithDbAsync(db => db.ImportJobs.Where(j => j.Key == jobId).Select(j => j.Status).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == "ImportJob" && a.EntityId == jobId.ToString() && a.Action == "Cancelled")));
        Assert.False(await factory.WithDbAsync(db => db.ImportJobFiles.AnyAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ServiceRecords.CountAsync(r => r.TicketId == "CX-1")));
    }
}
