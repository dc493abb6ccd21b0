using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using ServiceReview.Benchmarks;

// "peak <case>" runs one case once in this fresh process and prints its time and peak memory; anything else goes to BenchmarkDotNet.
if (args.Length is 2 or 3 && args[0] == "peak")
{
    var benchmarks = new ExportBenchmarks();
    var imports = new ServiceRecordImportBenchmarks();
    var figures = new MeasuredFiguresBenchmarks();
    ImportDatabase? database = null;
    switch (args[1])
    {
        case "round":
            benchmarks.Setup();
            break;
        case "import-csv" or "import-xlsx" or "parse-csv":
            await imports.Setup();
            database = await ServiceRecordsFixture.CreateImportDatabaseAsync();
            break;
        case "figures-team" or "figures-all" or "statistics":
            if (ServiceRecordsFixture.ScaleDatabase() is null)
            {
                Console.WriteLine(ServiceRecordsFixture.ScaleDatabaseMissing);
                return;
            }

            await figures.Setup();
            break;
    }

    GC.Collect();
    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var watch = Stopwatch.StartNew();
    var result = args[1] switch
    {
        "round" => benchmarks.RoundWorkbook500Teams(),
        "history" when args.Length == 3 => await ExportBenchmarks.HistoryExport(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
        "history" => await benchmarks.HistoryExport168kRows(),
        "bare" => await benchmarks.BareWriter168kRows(),
        "import-csv" => await ServiceRecordImportBenchmarks.ImportInto(database!, imports.CsvPath),
        "import-xlsx" => await ServiceRecordImportBenchmarks.ImportInto(database!, imports.XlsxPath),
        "parse-csv" => ServiceRecordImportBenchmarks.ParseOnly(imports.CsvPath),
        "figures-team" => await figures.FiguresOneTeamQuarter(),
        "figures-all" => await figures.FiguresAllTeamsMonth(),
        "statistics" => await figures.StatisticsAllTeamsQuarter(),
        _ => throw new ArgumentException("case: round | history [rows] | bare | import-csv | import-xlsx | parse-csv | figures-team | figures-all | statistics"),
    };
    watch.Stop();
    database?.Dispose();
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var what = args[1] switch
    {
        "import-csv" or "import-xlsx" or "parse-csv" => $"{result:N0} rows, {result / watch.Elapsed.TotalSeconds:N0} rows/s",
        "figures-team" or "figures-all" or "statistics" => $"{result:N0} records counted",
        _ => $"file {result / 1024.0 / 1024.0:0.0} MiB",
    };
    Console.WriteLine($"{args[1]}: {watch.Elapsed.TotalSeconds:0.00} s, {what}, peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB (after setup {before / 1024.0 / 1024.0:0} MiB)");
    return;
}

var config = DefaultConfig.Instance;
if (ServiceRecordsFixture.ScaleDatabase() is null)
{
    // Skipped, not failed: building the scale database takes minutes and is not part of the benchmark.
    Console.WriteLine("// " + ServiceRecordsFixture.ScaleDatabaseMissing);
    config = config.AddFilter(new SimpleFilter(b => b.Descriptor.Type != typeof(MeasuredFiguresBenchmarks)));
}

BenchmarkSwitcher.FromAssembly(typeof(ExportBenchmarks).Assembly).Run(args, config);
