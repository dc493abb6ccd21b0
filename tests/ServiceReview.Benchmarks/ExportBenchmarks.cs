using BenchmarkDotNet.Attributes;
using ServiceReview.Web.Features.Exports;
using SpreadCheetah;

namespace ServiceReview.Benchmarks;

/// <summary>The exports at the sizes the issue names, and a bare streaming writer of the same rows as the lower bound.</summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private RoundWorkbookData _round = null!;

    [GlobalSetup]
    public void Setup() => _round = SyntheticData.Round(500);

    /// <summary>
    /// The round evaluation workbook: summary, 500 team sheets, indicators, actions, with page setup. Streamed by
    /// <c>StreamingWorkbook</c> (Open XML SDK's OpenXmlWriter into a zip) to a non-seekable stream, as to a response
    /// (ADR 0029; until then ClosedXML built it in memory: docs/benchmarks.md keeps both figures).
    /// </summary>
    [Benchmark]
    public long RoundWorkbook500Teams()
    {
        var output = new NullStream();
        RoundWorkbook.Write(_round, SyntheticData.Labels, output);
        return output.Length;
    }

    /// <summary>The history export writer (SpreadCheetah, styles, labels): 168,000 rows.</summary>
    [Benchmark]
    public Task<long> HistoryExport168kRows() => HistoryExport(SyntheticData.HistoryRows);

    public static async Task<long> HistoryExport(int rows)
    {
        var output = new NullStream();
        await ServiceReview.Web.Features.Exports.HistoryExport.WriteAsync(SyntheticData.HistoryRowsAsync(rows), SyntheticData.Labels, output);
        return output.Length;
    }

    /// <summary>Lower bound: a bare SpreadCheetah writer, no styles, the same 168,000 rows' values.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> BareWriter168kRows()
    {
        var output = new NullStream();
        await BareWriter.WriteAsync(SyntheticData.HistoryRows, output);
        return output.Length;
    }
}

public static class BareWriter
{
    public static async Task WriteAsync(int rows, Stream output)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output);
        await spreadsheet.StartWorksheetAsync("Sheet1");
        var cells = new DataCell[29];
        for (var i = 0; i < rows; i++)
        {
            var r = SyntheticData.HistoryRow(i);
            var c = 0;
            cells[c++] = new DataCell(r.RoundId);
            cells[c++] = new DataCell(r.Round);
            cells[c++] = new DataCell(r.PeriodStart.ToDateTime(TimeOnly.MinValue));
            cells[c++] = new DataCell(r.PeriodEnd.ToDateTime(TimeOnly.MinValue));
            cells[c++] = new DataCell(r.Plan);
            cells[c++] = new DataCell(r.PlanVersion);
            cells[c++] = new DataCell(r.Project);
            cells[c++] = new DataCell(r.Team);
            cells[c++] = new DataCell(r.InspectionId);
            cells[c++] = new DataCell(r.Inspector);
            cells[c++] = new DataCell(r.Status);
            cells[c++] = new DataCell(r.SubmittedAtLocal);
            cells[c++] = new DataCell(r.Total);
            cells[c++] = new DataCell(r.TotalBeforeVeto);
            cells[c++] = new DataCell(r.Grade);
            cells[c++] = new DataCell(r.VetoedBy);
            cells[c++] = new DataCell(r.CategoryCode);
            cells[c++] = new DataCell(r.Category);
            cells[c++] = new DataCell(r.CategoryScore);
            cells[c++] = new DataCell(r.IndicatorCode);
            cells[c++] = new DataCell(r.Indicator);
            cells[c++] = new DataCell(r.Max);
            cells[c++] = new DataCell(r.Input);
            cells[c++] = new DataCell(r.Value);
            cells[c++] = new DataCell(r.Count);
            cells[c++] = new DataCell(r.Points);
            cells[c++] = new DataCell(r.MeasuredValue);
            cells[c++] = new DataCell(r.Overridden);
            cells[c] = new DataCell(r.Note);
            await spreadsheet.AddRowAsync(cells);
        }

        await spreadsheet.FinishAsync();
    }
}

/// <summary>A write-only, non-seekable stream that only counts bytes, like an HTTP response body.</summary>
public sealed class NullStream : Stream
{
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => _length += count;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
