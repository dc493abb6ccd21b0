using System.Diagnostics;
using BenchmarkDotNet.Running;
using ServiceReview.Benchmarks;

// "peak <case>" runs one case once in this fresh process and prints its time and peak memory; anything else goes to BenchmarkDotNet.
if (args.Length is 2 or 3 && args[0] == "peak")
{
    var benchmarks = new ExportBenchmarks();
    if (args[1] == "round")
    {
        benchmarks.Setup();
    }

    GC.Collect();
    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var watch = Stopwatch.StartNew();
    long bytes = args[1] switch
    {
        "round" => benchmarks.RoundWorkbook500Teams(),
        "history" when args.Length == 3 => await ExportBenchmarks.HistoryExport(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
        "history" => await benchmarks.HistoryExport168kRows(),
        "bare" => await benchmarks.BareWriter168kRows(),
        _ => throw new ArgumentException("case: round | history | bare"),
    };
    watch.Stop();
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine($"{args[1]}: {watch.Elapsed.TotalSeconds:0.00} s, file {bytes / 1024.0 / 1024.0:0.0} MiB, peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB (after setup {before / 1024.0 / 1024.0:0} MiB)");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ExportBenchmarks).Assembly).Run(args);
