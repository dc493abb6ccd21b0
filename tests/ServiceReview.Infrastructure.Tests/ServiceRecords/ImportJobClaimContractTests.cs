using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Tests.Fixtures;
using ServiceReview.Web.Features.ServiceRecords.Import.Background;

namespace ServiceReview.Infrastructure.Tests.ServiceRecords;

/// <summary>
/// The durable import queue on every provider a machine can start: workers racing on several instances claim each job
/// once, a lapsed lease is taken over and the job runs again from the start, and a worker that lost its claim records nothing.
/// </summary>
public abstract class ImportJobClaimContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    private const string Header = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间";
    private static readonly Actor Uploader = new("user-1", "张敏", null);
    private int _teamId;

    [SkippableFact]
    public async Task Four_workers_racing_for_queued_jobs_claim_each_job_exactly_once()
    {
        await GivenTeamAsync();
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await EnqueueAsync(Csv($"R-{i}"))).Id);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<ImportClaim>();
            while (await Runner.ClaimAsync(default) is { } claim)
            {
                mine.Add(claim);
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(ids.Order(), all.Select(c => c.JobId).Order());
        Assert.Equal(all.Count, all.Select(c => c.Lease.Token).Distinct().Count());
        await using var db = NewContext();
        Assert.All(await db.ImportJobs.ToListAsync(), j => Assert.Equal((ImportJobStatus.Running, 1), (j.Status, j.Attempts)));
    }

    [SkippableFact]
    public async Task A_lapsed_lease_is_taken_over_and_the_job_runs_again_from_the_start_but_not_before_it_lapses()
    {
        await GivenTeamAsync();
        var job = await EnqueueAsync(Csv("L-1", "L-2"));
        var crashed = await Runner.ClaimAsync(default);
        Assert.Equal(job.Id, crashed!.JobId);
        Assert.Null(await Runner.ClaimAsync(default));

        await using (var db = NewContext())
        {
            await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedUntil, DateTime.UtcNow.AddMinutes(-1)));
        }

        var again = await Runner.ClaimAsync(default);
        Assert.Equal(job.Id, again!.JobId);
        await Runner.RunAsync(again, default);

        await using var check = NewContext();
        var done = await check.ImportJobs.SingleAsync(j => j.Id == job.Id);
        Assert.Equal((ImportJobStatus.Succeeded, 2, 2, 0), (done.Status, done.Attempts, done.Imported, done.ErrorCount));
        Assert.Equal((2, 100, (string?)null), (done.RowsRead, done.Percent, done.ClaimedBy));
        Assert.Equal(2, await check.ServiceRecords.CountAsync(r => r.TeamId == _teamId && r.TicketId.StartsWith("L-")));
        Assert.False(await check.ImportJobFiles.AnyAsync(f => f.ImportJobId == job.Id));
        var key = job.Key.ToString();
        Assert.Equal(["Queued", "Succeeded"], await check.AuditLog.Where(a => a.EntityType == "ImportJob" && a.EntityId == key).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

        // The crashed worker, were it to wake up, records nothing: the claim is no longer its own.
        await Runner.RunAsync(crashed, default);
        await using var after = NewContext();
        Assert.Equal(ImportJobStatus.Succeeded, (await after.ImportJobs.SingleAsync(j => j.Id == job.Id)).Status);
    }

    [SkippableFact]
    public async Task A_file_with_errors_ends_failed_with_its_row_errors_and_writes_nothing()
    {
        await GivenTeamAsync();
        var bad = Encoding.UTF8.GetBytes(string.Join("\r\n", Header, Row("F-1"), Row("F-2").Replace("2026-09-01 09:15", "2026-13-01 09:00", StringComparison.Ordinal)));
        var job = await EnqueueAsync(bad);

        Assert.True(await Runner.RunNextAsync(default));

        await using var db = NewContext();
        var failed = await db.ImportJobs.SingleAsync(j => j.Id == job.Id);
        Assert.Equal((ImportJobStatus.Failed, 1, (string?)null), (failed.Status, failed.ErrorCount, failed.Failure));
        var error = Assert.Single(ImportJobErrors.Read(failed.ErrorsJson));
        Assert.Equal((3, "2026-13-01 09:00", "BadDate"), (error.Row, error.Value, error.Code));
        Assert.Equal(0, await db.ServiceRecords.CountAsync(r => r.TeamId == _teamId && r.TicketId.StartsWith("F-")));
        Assert.False(await Runner.RunNextAsync(default));
    }

    [SkippableFact]
    public async Task A_job_started_as_often_as_allowed_without_finishing_is_failed_for_good_instead_of_run_again()
    {
        await GivenTeamAsync();
        var job = await EnqueueAsync(Csv("M-1"));
        await using (var db = NewContext())
        {
            await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Attempts, 3));
        }

        Assert.True(await Runner.RunNextAsync(default));

        await using var check = NewContext();
        var failed = await check.ImportJobs.SingleAsync(j => j.Id == job.Id);
        Assert.Equal((ImportJobStatus.Failed, 4), (failed.Status, failed.Attempts));
        Assert.Contains("Gave up after 3 attempts", failed.Failure, StringComparison.Ordinal);
        Assert.Equal(0, await check.ServiceRecords.CountAsync(r => r.TicketId == "M-1"));
        Assert.Equal(1, await check.AuditLog.CountAsync(a => a.EntityType == "ImportJob" && a.Action == "Failed"));
    }

    private ImportJobRunner Runner => Services.GetRequiredService<ImportJobRunner>();

    private static string Row(string ticket) =>
        $"{ticket},王先生,电话,需求,空调不制冷,2026-09-01 09:15,2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00";

    private static byte[] Csv(params string[] tickets) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. tickets.Select(Row)]));

    private async Task<ImportJob> EnqueueAsync(byte[] content)
    {
        await using var scope = Services.CreateAsyncScope();
        using var upload = new MemoryStream(content);
        return await scope.ServiceProvider.GetRequiredService<ImportJobQueue>().EnqueueAsync(_teamId, Uploader, "records.csv", upload, partial: false, default);
    }

    private async Task GivenTeamAsync()
    {
        await GivenMigratedDatabaseAsync(settings: new Dictionary<string, string?> { ["Imports:HeartbeatSeconds"] = "0.1" });

        await using var db = NewContext();
        var project = new Project("导入项目", "客户");
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        var team = new Team(project.Id, "客服一组");
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        _teamId = team.Id;
    }
}

public sealed class SqliteImportJobClaimTests() : ImportJobClaimContractTests(ProviderDatabase.Sqlite());

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlImportJobClaimTests(PostgreSqlServer server) : ImportJobClaimContractTests(ProviderDatabase.PostgreSql(server, "imports"));
