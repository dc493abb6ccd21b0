using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Exports;

namespace ServiceReview.Infrastructure.Tests.Excel;

/// <summary>Measures the live heap of the whole test process, so it runs alone (see <see cref="HeapMeasurements"/>).</summary>
[Collection(HeapMeasurements.Name)]
public sealed class The_history_export_writer
{
    /// <summary>Synthetic rows, made one at a time; at two marks it records the live managed heap after a full collection.</summary>
    private static async IAsyncEnumerable<HistoryRow> RowsAsync(int count, Dictionary<int, long> heapAt)
    {
        for (var i = 0; i < count; i++)
        {
            if (heapAt.ContainsKey(i))
            {
                heapAt[i] = GC.GetTotalMemory(forceFullCollection: true);
            }

            yield return Row(i);
        }

        await Task.CompletedTask;
    }

    public static HistoryRow Row(int i) => new(
        1 + (i / 7000), "2026年9月服务考评", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), "项目客户服务组检查考评标准", 1,
        "华东智慧园区运维项目", "园区客服" + (i / 42 % 500) + "组", 1 + (i / 14), "检查员" + (i % 5), "已确认", new DateTime(2026, 10, 3, 9, 30, 0),
        73.1m, 73.1m, "合格", null, ((i % 14 / 3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "服务档案管理", 16m,
        "1." + (i % 14), "服务记录完整率", 8m, "96.0", 96.0m, null, 6m, 96.0m, false, i % 3 == 0 ? "2条记录关闭后超过48小时归档" : null);

    [Fact]
    public async Task Keeps_the_same_live_memory_after_ten_thousand_rows_as_after_two_hundred_thousand()
    {
        var heapAt = new Dictionary<int, long> { [10_000] = 0, [200_000] = 0 };
        using var output = new CountingStream();

        var written = await HistoryExport.WriteAsync(RowsAsync(200_001, heapAt), ExportLabels.Keys(), output);

        Assert.Equal(200_001, written);
        Assert.True(output.Length > 1_000_000, $"Only {output.Length} bytes written.");
        var growth = heapAt[200_000] - heapAt[10_000];
        Assert.True(growth < 8 * 1024 * 1024, $"Live heap grew by {growth / 1024} KiB between row 10,000 and row 200,000.");
    }

    /// <summary>A write-only, non-seekable stream that only counts, like an HTTP response body.</summary>
    private sealed class CountingStream : Stream
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
}

/// <summary>
/// Tests that measure the process's live heap: run after the parallel tests, alone, so that another test loading the
/// demo data at the same moment (the provider contract tests) cannot be counted as growth.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    public const string Name = "Heap measurements";
}
