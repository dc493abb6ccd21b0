using ClosedXML.Excel;
using ServiceReview.Infrastructure.Excel;

namespace ServiceReview.Infrastructure.Tests.Excel;

/// <summary>
/// <see cref="StreamingWorkbook"/> (ADR 0029): rows leave for the output as they are written, to a stream that cannot
/// seek (a response body), and the file reads back with its page setup, print titles, print areas, frozen rows,
/// filters, merges, number formats and guarded text.
/// </summary>
public sealed class The_streaming_workbook
{
    [Fact]
    public void Sends_bytes_before_the_last_sheet_and_reads_back_with_its_page_setup()
    {
        using var output = new ForwardOnlyStream();
        long sentBeforeFinish;
        using (var book = new StreamingWorkbook(output))
        {
            var plain = book.Style(CellStyle.Default);
            var figure = book.Style(new CellStyle { NumberFormat = "0.0", Border = CellBorder.All });
            var header = book.Style(new CellStyle { Bold = true, Wrap = true, Fill = "DDE6F1" });
            book.StartSheet("汇总 'A' 表", new SheetLayout([8, 20, 10]) { FrozenRows = 4, RepeatRow = 4 });
            book.AddRow([XlCell.Of("标题", plain)], 22);
            book.Merge(1, 1, 1, 3);
            book.AddRow([]);
            book.AddRow([]);
            book.AddRow([XlCell.Of("编号", header), XlCell.Of("名称", header), XlCell.Of("得分", header)], 30);
            for (var i = 0; i < 20_000; i++)
            {
                book.AddRow([XlCell.Of((decimal)i, plain), XlCell.Of(i == 0 ? "=1+1" : "组" + i, plain), XlCell.Of(73.15m, figure)]);
            }

            book.AutoFilter(4, 1, book.NextRow - 1, 3);
            book.StartSheet("Second", new SheetLayout([10]) { Landscape = false });
            book.AddRow([XlCell.Of(new DateTime(2026, 12, 5, 9, 30, 0), book.Style(new CellStyle { NumberFormat = "yyyy-mm-dd hh:mm" }))]);
            sentBeforeFinish = output.Length;
            book.Finish();
        }

        Assert.True(sentBeforeFinish > 50_000, $"Only {sentBeforeFinish} bytes were sent before the workbook was finished.");
        using var workbook = new XLWorkbook(new MemoryStream(output.ToArray()));
        Assert.Equal(["汇总 'A' 表", "Second"], workbook.Worksheets.Select(w => w.Name));
        var ws = workbook.Worksheet(1);
        Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
        Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
        Assert.Equal(XLPageOrientation.Portrait, workbook.Worksheet(2).PageSetup.PageOrientation);
        Assert.Equal((1, 0), (ws.PageSetup.PagesWide, ws.PageSetup.PagesTall));
        Assert.Equal((4, 4), (ws.PageSetup.FirstRowToRepeatAtTop, ws.PageSetup.LastRowToRepeatAtTop));
        Assert.Equal("A1:C20004", Assert.Single(ws.PageSetup.PrintAreas).RangeAddress.ToStringRelative());
        Assert.Equal(4, ws.SheetView.SplitRow);
        Assert.Equal("A4:C20004", ws.AutoFilter.Range.RangeAddress.ToStringRelative());
        Assert.True(ws.Range("A1:C1").IsMerged());
        Assert.True(ws.Cell(4, 2).Style.Alignment.WrapText);
        Assert.Equal(30, ws.Row(4).Height);
        Assert.Equal("=1+1", ws.Cell(5, 2).GetString());
        Assert.False(ws.Cell(5, 2).HasFormula);
        Assert.True(ws.Cell(5, 2).Style.IncludeQuotePrefix);
        Assert.Equal(XLDataType.Number, ws.Cell(20004, 3).DataType);
        Assert.Equal("0.0", ws.Cell(20004, 3).Style.NumberFormat.Format);
        Assert.Equal(19_999d, ws.Cell(20004, 1).GetDouble());
        Assert.Equal(new DateTime(2026, 12, 5, 9, 30, 0), workbook.Worksheet(2).Cell(1, 1).GetDateTime());
    }

    [Theory]
    [InlineData("综合得分", 8)]
    [InlineData("Rank", 4)]
    [InlineData("（20）", 6)]
    public void Measures_Chinese_and_full_width_characters_as_two(string text, double width) =>
        Assert.Equal(width, TextWidth.Of(text));

    [Fact]
    public void Sizes_a_long_header_for_its_longest_word_and_counts_the_lines_it_wraps_to()
    {
        Assert.Equal(10, TextWidth.ForHeader("综合得分", 6));
        Assert.Equal(13, TextWidth.ForHeader("Inspections counted in the total", 8, most: 12));
        Assert.Equal(3, TextWidth.Lines("Inspections counted in the total", 14));
        Assert.Equal(2, TextWidth.Lines(new string('字', 30), 40));
    }

    /// <summary>Collects what is written; cannot seek or read, like an HTTP response body.</summary>
    private sealed class ForwardOnlyStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _bytes.Length;

        public override long Position { get => _bytes.Length; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _bytes.ToArray();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _bytes.Write(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _bytes.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
