using ClosedXML.Excel;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;

namespace ServiceReview.Infrastructure.Tests.Excel;

/// <summary>Issue #13 item 6 in the tables workbook (the numbers behind the dashboard charts): number cells with the figure formats.</summary>
public sealed class One_format_per_kind_of_figure
{
    private static XLWorkbook Written(params object?[] row)
    {
        using var stream = new MemoryStream();
        TablesWorkbook.Write([new SheetTable("t", "title", row.Select((_, i) => "h" + i).ToList(), [row])], stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    [Fact]
    public void A_score_is_one_decimal_a_count_whole_and_a_percentage_a_fraction_with_a_percent_format()
    {
        using var workbook = Written(6.07m, 12, new TableFigure(96.44m, FigureKind.Percent), new TableFigure(0.8845m, FigureKind.Coefficient));
        var ws = workbook.Worksheet(1);

        var cells = Enumerable.Range(1, 4).Select(c => ws.Cell(4, c)).ToList();
        Assert.All(cells, c => Assert.Equal(XLDataType.Number, c.DataType));
        Assert.Equal(["0.0", "0", "0.0%", "0.00"], cells.Select(c => c.Style.NumberFormat.Format));
        Assert.Equal([6.1, 12, 0.964, 0.88], cells.Select(c => Math.Round(c.GetDouble(), 4)));
    }
}
