using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.ServiceRecords;
using ServiceReview.Web.Features.ServiceRecords.Import;
using ServiceReview.Web.Features.ServiceRecords.Statistics;

namespace ServiceReview.Benchmarks;

/// <summary>
/// Import of 100,000 service records into a fresh SQLite database through <see cref="ServiceRecordImporter"/>, called
/// as <c>POST /api/teams/{id}/service-records/import</c> calls it (all rows validated, then written in one transaction
/// with one audit entry). Each iteration gets a new database, so every import inserts 100,000 records.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class ServiceRecordImportBenchmarks
{
    private static readonly Actor Actor = new(null, "基准测试", null);
    private string _csv = null!;
    private string _xlsx = null!;
    private ImportDatabase? _database;

    [GlobalSetup]
    public async Task Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "servicereview-bench-files");
        Directory.CreateDirectory(folder);
        _csv = Path.Combine(folder, $"records-{ServiceRecordsFixture.ImportRows}.csv");
        _xlsx = Path.Combine(folder, $"records-{ServiceRecordsFixture.ImportRows}.xlsx");
        if (!File.Exists(_csv))
        {
            ServiceRecordsFixture.WriteCsv(_csv, ServiceRecordsFixture.ImportRows);
        }

        if (!File.Exists(_xlsx))
        {
            await ServiceRecordsFixture.WriteXlsxAsync(_xlsx, ServiceRecordsFixture.ImportRows);
        }
    }

    [IterationSetup(Targets = [nameof(ImportCsv100k), nameof(ImportXlsx100k)])]
#pragma warning disable CA2000 // DropDatabase, the iteration cleanup, disposes it.
    public void NewDatabase() => _database = ServiceRecordsFixture.CreateImportDatabaseAsync().GetAwaiter().GetResult();
#pragma warning restore CA2000

    [IterationCleanup(Targets = [nameof(ImportCsv100k), nameof(ImportXlsx100k)])]
    public void DropDatabase()
    {
        _database?.Dispose();
        _database = null;
    }

    /// <summary>The .csv (UTF-8, Chinese headers, 16.8 MiB): read, validate, write 100,000 records.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> ImportCsv100k() => Import(_csv);

    /// <summary>The same rows as an .xlsx (Excel date-time cells).</summary>
    [Benchmark]
    public Task<int> ImportXlsx100k() => Import(_xlsx);

    /// <summary>Reading and validating the .csv only, no database: the part of the import before the first write.</summary>
    [Benchmark]
    public int ParseCsv100k() => ParseOnly(_csv);

    public static int ParseOnly(string path)
    {
        using var file = File.OpenRead(path);
        var (rows, _, errorCount) = ServiceRecordImporter.Parse(file, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return errorCount == 0 ? rows.Count : throw new InvalidOperationException($"{errorCount} rows of the generated file are invalid.");
    }

    private async Task<int> Import(string path)
    {
        var database = _database ?? throw new InvalidOperationException("No database: the iteration setup did not run.");
        return await ImportInto(database, path);
    }

    /// <summary>One import as the API endpoint runs it; throws unless all rows were imported.</summary>
    public static async Task<int> ImportInto(ImportDatabase database, string path)
    {
        await using var db = new SqliteServiceReviewDbContext(database.Options);
        var importer = new ServiceRecordImporter(db, TimeProvider.System);
        await using var file = File.OpenRead(path);
        var result = await importer.ImportAsync(database.TeamId, file, partial: false, Actor, Path.GetFileName(path), null, CancellationToken.None);
        return result is { Written: true, ErrorCount: 0, Imported: ServiceRecordsFixture.ImportRows }
            ? result.Imported
            : throw new InvalidOperationException($"The import did not write every row: imported {result.Imported}, errors {result.ErrorCount}, first {(result.Errors.Count > 0 ? result.Errors[0] : null)}.");
    }

    public string CsvPath => _csv;

    public string XlsxPath => _xlsx;
}

/// <summary>
/// The five measured figures (<see cref="IMeasuredFigures.ComputeAsync"/>, by <see cref="ServiceMetricsService"/>) and the
/// statistics page's queries on the seed-demo --scale 100 database (500 teams, 1,000,000+ records), opened read-only from
/// the file named by <c>SERVICEREVIEW_BENCH_DB</c>. Periods: the last full calendar quarter of the data and its last month.
/// </summary>
[MemoryDiagnoser]
public class MeasuredFiguresBenchmarks
{
    private DbContextOptions<SqliteServiceReviewDbContext> _options = null!;
    private List<int> _teams = null!;
    private DateOnly _quarterStart;
    private DateOnly _quarterEnd;
    private DateOnly _monthStart;
    private DateTime _asOf;

    public int Records { get; private set; }

    public int Teams => _teams.Count;

    public string Quarter => $"{_quarterStart:yyyy-MM-dd}..{_quarterEnd:yyyy-MM-dd}";

    [GlobalSetup]
    public async Task Setup()
    {
        _options = ServiceRecordsFixture.ScaleDatabase() ?? throw new InvalidOperationException(ServiceRecordsFixture.ScaleDatabaseMissing);
        await using var db = new SqliteServiceReviewDbContext(_options);
        _teams = await db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        Records = await db.ServiceRecords.CountAsync();
        var last = await db.ServiceRecords.MaxAsync(r => r.ReceivedAt) ?? throw new InvalidOperationException("The database holds no service records.");
        var lastDay = DateOnly.FromDateTime(last);
        var quarterOfLast = new DateOnly(lastDay.Year, ((lastDay.Month - 1) / 3 * 3) + 1, 1);
        _quarterStart = quarterOfLast.AddMonths(-3);
        _quarterEnd = quarterOfLast.AddDays(-1);
        _monthStart = quarterOfLast.AddMonths(-1);
        _asOf = DateTime.SpecifyKind(last, DateTimeKind.Utc).AddDays(1);
        Console.WriteLine($"// scale database: {Records:N0} records, {_teams.Count} teams, quarter {Quarter}, as of {_asOf:yyyy-MM-dd HH:mm}Z");
    }

    /// <summary>The five figures of one team (the first) over the quarter: what an inspection's measured inputs cost.</summary>
    [Benchmark]
    public async Task<int> FiguresOneTeamQuarter()
    {
        await using var db = new SqliteServiceReviewDbContext(_options);
        var figures = await new ServiceMetricsService(db, new PlanVersionCache()).ComputeAsync(_teams[0], _quarterStart, _quarterEnd, _asOf, CancellationToken.None);
        return figures[MeasuredMetric.Complete].Denominator ?? 0;
    }

    /// <summary>The five figures of every team (500) over the month, one after the other, each in its own context.</summary>
    [Benchmark]
    public async Task<int> FiguresAllTeamsMonth()
    {
        var records = 0;
        foreach (var team in _teams)
        {
            await using var db = new SqliteServiceReviewDbContext(_options);
            var figures = await new ServiceMetricsService(db, new PlanVersionCache()).ComputeAsync(team, _monthStart, _quarterEnd, _asOf, CancellationToken.None);
            records += figures[MeasuredMetric.Complete].Denominator ?? 0;
        }

        return records;
    }

    /// <summary>The statistics page (统计分析) for all teams over the quarter by month: volumes, on-time, durations, repeat customers, backlog.</summary>
    [Benchmark]
    public async Task<int> StatisticsAllTeamsQuarter()
    {
        await using var db = new SqliteServiceReviewDbContext(_options);
        var report = await new ServiceStatisticsService(db, ServiceReview.Core.Organisation.OrganisationClock.For(TimeProvider.System, null)).ComputeAsync(
            new StatisticsQuery(_teams, _quarterStart, _quarterEnd, StatisticsBucket.Month, _asOf), CancellationToken.None);
        return report.Records;
    }
}
