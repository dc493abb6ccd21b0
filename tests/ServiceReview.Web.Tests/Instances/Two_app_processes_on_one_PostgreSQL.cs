using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Tests.Fixtures;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Inspections;

namespace ServiceReview.Web.Tests.Instances;

/// <summary>
/// Issue #15, target 5: two processes of the built app on one PostgreSQL, no sticky sessions. <c>migrate</c> runs once
/// first; the instances start with <c>Database:MigrateOnStartup=false</c>, each with a home folder of its own (as on two
/// machines: nothing shared but the database). Every request names the instance it goes to.
/// </summary>
public sealed class Two_app_processes_on_one_PostgreSQL(PostgreSqlServer server) : IClassFixture<PostgreSqlServer>, IAsyncLifetime
{
    private const string Password = ServiceReviewWebFactory.DemoPassword;
    private const int A = 0;
    private const int B = 1;
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);

    private readonly string _homes = Path.Combine(Path.GetTempPath(), $"servicereview-instances-{Guid.NewGuid():N}");
    private readonly List<AppProcess> _instances = [];
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        if (PostgreSqlEnvironment.SkipReason is null)
        {
            _connectionString = await server.CreateDatabaseAsync("two_instances");
        }
    }

    [PostgreSqlFact]
    public async Task Sign_in_form_export_and_import_work_across_two_instances_with_no_sticky_sessions()
    {
        // One release: migrate once, then load the demo data (the seed-demo verb), before any instance starts.
        var migrate = await AppProcess.RunVerbAsync("migrate", Settings("cli"), TimeSpan.FromMinutes(3));
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        var seed = await AppProcess.RunVerbAsync("seed-demo", Settings("cli"), TimeSpan.FromMinutes(3));
        Assert.True(seed.ExitCode == 0, seed.Output);

        var a = await StartAsync("a");
        var b = await StartAsync("b");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        // An inspector signs in on A, opens the form on A and submits it on B with A's antiforgery token.
        var inspectionId = await WithDbAsync(db => (
            from i in db.Inspections
            join p in db.People on i.InspectorId equals p.Id
            where p.Email == "inspector1@demo.local" && i.Status == InspectionStatus.Assigned
            orderby i.Id
            select i.Id).FirstAsync());
        // The manager reads the accuracy pages on A: their fingerprint of the results (ADR 0030) on PostgreSQL.
        var roundId = await WithDbAsync(db => db.Inspections.Where(i => i.Id == inspectionId).Select(i => i.RoundId).SingleAsync());
        var manager = new RoundRobinBrowser(clientA, clientB);
        await SignInAsync(manager, A, "manager@demo.local");
        Assert.Contains("\"alphaInterval\"", await manager.GetStringAsync(A, $"/api/rounds/{roundId}/agreement"), StringComparison.Ordinal);
        Assert.Contains("data-inspector", await manager.GetStringAsync(A, "/Analytics"), StringComparison.Ordinal);

        var inspector = new RoundRobinBrowser(clientA, clientB);
        await SignInAsync(inspector, A, "inspector1@demo.local");
        var form = await inspector.GetStringAsync(A, $"/Inspections/Fill/{inspectionId}");
        using var submitted = await inspector.PostAsync(B, $"/Inspections/Fill/{inspectionId}",
            FormFields.WorkedExample().Content(ServiceReviewWebFactory.FormTokenOf(form), ServiceReviewWebFactory.StampOf(form), "submit", seconds: 300));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/inspections/{inspectionId}", submitted.Headers.Location!.OriginalString);
        Assert.Equal(InspectionStatus.Submitted, await WithDbAsync(db => db.Inspections.Where(i => i.Id == inspectionId).Select(i => i.Status).SingleAsync()));
        Assert.Contains("data-record-total", await inspector.GetStringAsync(A, $"/inspections/{inspectionId}"), StringComparison.Ordinal);

        // The manager, signed in on A, exports the round workbook on B.
        using var export = await manager.GetAsync(B, $"/rounds/{roundId}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var workbook = await export.Content.ReadAsByteArrayAsync();
        Assert.True(workbook.Length > 1000 && workbook[0] == (byte)'P' && workbook[1] == (byte)'K', "The export is not an .xlsx.");

        // A lead uploads service records on A; B reports the job's progress and serves pages while it runs.
        var teamId = await WithDbAsync(db => db.Teams.Where(t => db.People.Any(p => p.Id == t.LeadId && p.Email == "lead1@demo.local")).Select(t => t.Id).SingleAsync());
        var lead = new RoundRobinBrowser(clientA, clientB);
        await SignInAsync(lead, A, "lead1@demo.local");
        var jobId = await UploadServiceRecordsAsync(lead, A, teamId, rows: 3000);
        var (status, servedByB) = await WaitForImportAsync(lead, B, jobId);
        Assert.Equal("Done", status.GetProperty("state").GetString());
        Assert.Equal(3000, status.GetProperty("imported").GetInt32());
        Assert.True(servedByB > 0);
        Assert.Equal(3000, await WithDbAsync(db => db.ServiceRecords.CountAsync(r => r.TeamId == teamId && r.TicketId.StartsWith("TWO-"))));

        // One Data Protection key, made by `migrate`: neither instance made one of its own.
        Assert.Equal(1, await WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        try
        {
            Directory.Delete(_homes, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<AppProcess> StartAsync(string name)
    {
        var instance = await AppProcess.StartInstanceAsync(name, new Dictionary<string, string>(Settings(name))
        {
            ["Database__MigrateOnStartup"] = "false",
        }, Startup);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>The settings of a process: the shared database, a Staging environment (HTTP cookies, no demo seeding), its own home folder.</summary>
    private Dictionary<string, string> Settings(string name)
    {
        var home = Path.Combine(_homes, name);
        Directory.CreateDirectory(home);
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__ServiceReview"] = _connectionString,
            ["HOME"] = home,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Imports__PollSeconds"] = "1",
        };
    }

    private async Task<T> WithDbAsync<T>(Func<ServiceReviewDbContext, Task<T>> work)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlServiceReviewDbContext>();
        DbContextOptionsFactory.Configure(options, DatabaseProvider.PostgreSql, _connectionString);
        await using var db = new PostgreSqlServiceReviewDbContext(options.Options);
        return await work(db);
    }

    private static async Task SignInAsync(RoundRobinBrowser browser, int instance, string email)
    {
        var login = await browser.GetStringAsync(instance, "/Identity/Account/Login");
        using var response = await browser.PostAsync(instance, "/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = ServiceReviewWebFactory.FormTokenOf(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<Guid> UploadServiceRecordsAsync(RoundRobinBrowser browser, int instance, int teamId, int rows)
    {
        const string header = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间";
        var lines = new[] { header }.Concat(Enumerable.Range(1, rows).Select(i =>
            $"TWO-{i:00000},王先生,电话,需求,空调不制冷,2026-09-01 09:15,2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00"));
        var page = await browser.GetStringAsync(instance, $"/ServiceRecords/Import?teamId={teamId}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "two-instances.csv");
        form.Add(new StringContent(ServiceReviewWebFactory.FormTokenOf(page)), "__RequestVerificationToken");
        using var response = await browser.PostAsync(instance, $"/ServiceRecords/Import?teamId={teamId}", form);
        return ServiceReviewWebFactory.ImportJobId(response);
    }

    /// <summary>Polls the job on one instance, asking that instance for the team's page between polls, until the job is done.</summary>
    private static async Task<(JsonElement Status, int PagesServed)> WaitForImportAsync(RoundRobinBrowser browser, int instance, Guid jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var served = 0;
        while (true)
        {
            var status = JsonDocument.Parse(await browser.GetStringAsync(instance, $"/api/service-records/imports/{jobId}")).RootElement.Clone();
            if (status.GetProperty("done").GetBoolean())
            {
                return (status, served);
            }

            Assert.Contains("<html", await browser.GetStringAsync(instance, "/"), StringComparison.OrdinalIgnoreCase);
            served++;
            Assert.True(DateTime.UtcNow < deadline, "The import did not finish within 60 s.");
            await Task.Delay(100);
        }
    }
}
