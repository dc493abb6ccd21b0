using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Organisation;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.ServiceRecords.Import;
using SpreadCheetah;

namespace ServiceReview.Benchmarks;

/// <summary>
/// The data of the service-record benchmarks: realistic import files (the Chinese headers of contracts.md, the five
/// channels, three types, local times in the three accepted text formats, some records still open), fresh SQLite
/// databases migrated like the app's, and the seed-demo --scale 100 database opened read-only.
/// </summary>
public static class ServiceRecordsFixture
{
    public const int ImportRows = 100_000;

    /// <summary>The environment variable naming the seed-demo --scale 100 SQLite file.</summary>
    public const string ScaleDatabaseVariable = "SERVICEREVIEW_BENCH_DB";

    private static readonly string[] Channels = ["电话", "邮件", "现场", "即时通讯", "其他"];
    private static readonly string[] Types = ["需求", "咨询", "投诉"];
    private static readonly string[] Customers = ["物业服务中心", "信息中心", "财务部", "运营调度室", "综合办公室", "客户服务部", "技术保障部", "安全管理部"];
    private static readonly string[] Summaries = ["新增用户账号并开通权限", "调整报表导出格式", "咨询密码重置流程", "系统响应缓慢影响办公", "故障处理不及时", "咨询数据备份周期", "申请测试环境", "批量导入基础数据"];
    private static readonly string[] Handlers = ["王伟", "李芳", "张娜", "刘洋", "陈静", "杨磊"];
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy/M/d H:mm", "yyyy年M月d日 H:mm"];

    /// <summary>One import row: the text of the 12 columns in template order, and its local times for the .xlsx variant.</summary>
    public sealed record Row(string Ticket, string Customer, string Channel, string Type, string Summary, DateTime Received,
        DateTime FirstResponse, DateTime? Resolved, string? FirstContact, string Handler, DateTime? Closed, DateTime? Archived);

    /// <summary>Deterministic rows received from 1 July to 30 September 2026 (local), 8:00–20:00; 5 % still open.</summary>
    public static IEnumerable<Row> Rows(int count)
    {
        var random = new Random(20261128);
        var start = new DateTime(2026, 7, 1, 8, 0, 0);
        for (var i = 0; i < count; i++)
        {
            var received = start.AddDays(random.Next(92)).AddMinutes(random.Next(12 * 60));
            var firstResponse = received.AddMinutes(random.NextDouble() < 0.9 ? 5 + random.Next(110) : 125 + random.Next(480));
            var open = random.NextDouble() < 0.05;
            DateTime? resolved = open ? null : received.AddMinutes(random.NextDouble() < 0.85 ? 30 + random.Next(23 * 60) : 25 * 60 + random.Next(72 * 60));
            var closed = resolved?.AddMinutes(random.Next(240));
            var archived = closed?.AddMinutes(random.NextDouble() < 0.97 ? 60 + random.Next(46 * 60) : 49 * 60 + random.Next(72 * 60));
            yield return new Row(
                "GD" + (2026_000_000 + i).ToString(CultureInfo.InvariantCulture),
                "客户" + Customers[random.Next(Customers.Length)],
                Channels[random.Next(Channels.Length)],
                Types[random.Next(Types.Length)],
                Summaries[random.Next(Summaries.Length)],
                received,
                firstResponse,
                resolved,
                resolved is null ? null : random.NextDouble() < 0.7 ? "是" : "否",
                Handlers[random.Next(Handlers.Length)],
                closed,
                archived);
        }
    }

    private static string Headers => string.Join(',', ImportColumns.All.Select(c => c.Chinese));

    /// <summary>A UTF-8 .csv with BOM and Chinese headers; times alternate between the three accepted formats.</summary>
    public static void WriteCsv(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        writer.Write(Headers);
        writer.Write("\r\n");
        var n = 0;
        foreach (var r in Rows(rows))
        {
            var format = TimeFormats[n++ % TimeFormats.Length];
            string Time(DateTime? t) => t?.ToString(format, CultureInfo.InvariantCulture) ?? "";
            writer.Write(string.Join(',', r.Ticket, r.Customer, r.Channel, r.Type, r.Summary, Time(r.Received), Time(r.FirstResponse),
                Time(r.Resolved), r.FirstContact ?? "", r.Handler, Time(r.Closed), Time(r.Archived)));
            writer.Write("\r\n");
        }
    }

    /// <summary>The same rows as an .xlsx (one sheet, times as Excel date-time cells, the way Excel saves them).</summary>
    public static async Task WriteXlsxAsync(string path, int rows)
    {
        await using var file = File.Create(path);
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(file);
        await spreadsheet.StartWorksheetAsync("服务记录");
        await spreadsheet.AddRowAsync(ImportColumns.All.Select(c => new DataCell(c.Chinese)).ToArray());
        var cells = new DataCell[12];
        foreach (var r in Rows(rows))
        {
            cells[0] = new DataCell(r.Ticket);
            cells[1] = new DataCell(r.Customer);
            cells[2] = new DataCell(r.Channel);
            cells[3] = new DataCell(r.Type);
            cells[4] = new DataCell(r.Summary);
            cells[5] = new DataCell(r.Received);
            cells[6] = new DataCell(r.FirstResponse);
            cells[7] = new DataCell(r.Resolved);
            cells[8] = new DataCell(r.FirstContact);
            cells[9] = new DataCell(r.Handler);
            cells[10] = new DataCell(r.Closed);
            cells[11] = new DataCell(r.Archived);
            await spreadsheet.AddRowAsync(cells);
        }

        await spreadsheet.FinishAsync();
    }

    /// <summary>Options configured the way the app configures them (<see cref="DbContextOptionsFactory"/>).</summary>
    public static DbContextOptions<SqliteServiceReviewDbContext> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SqliteServiceReviewDbContext>();
        DbContextOptionsFactory.Configure(builder, DatabaseProvider.Sqlite, connectionString);
        return builder.Options;
    }

    /// <summary>A fresh SQLite file with all migrations and one project and team: the import's target.</summary>
    public static async Task<ImportDatabase> CreateImportDatabaseAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"servicereview-bench-{Guid.NewGuid():N}.db");
        var options = Options(new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);
        await using var db = new SqliteServiceReviewDbContext(options);
        await db.Database.MigrateAsync();
        var project = new Project("华东智慧园区运维项目", "华东园区管理有限公司");
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        var team = new Team(project.Id, "园区客服一组");
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return new ImportDatabase(path, options, team.Id);
    }

    /// <summary>The seed-demo --scale 100 database, read-only; null when <see cref="ScaleDatabaseVariable"/> is not set.</summary>
    public static DbContextOptions<SqliteServiceReviewDbContext>? ScaleDatabase()
    {
        var path = Environment.GetEnvironmentVariable(ScaleDatabaseVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{ScaleDatabaseVariable} names {path}, which does not exist.", path);
        }

        return Options(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
    }

    public const string ScaleDatabaseMissing =
        ScaleDatabaseVariable + " is not set: the measured-figure benchmarks need the seed-demo --scale 100 SQLite database and are skipped. "
        + "See docs/benchmarks.md (\"Service records: import and measured figures\") to build it.";
}

/// <summary>A fresh database for one import, deleted with its -wal/-shm/-journal files on dispose.</summary>
public sealed record ImportDatabase(string FilePath, DbContextOptions<SqliteServiceReviewDbContext> Options, int TeamId) : IDisposable
{
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { FilePath, FilePath + "-wal", FilePath + "-shm", FilePath + "-journal" })
        {
            File.Delete(path);
        }
    }
}
