using ClosedXML.Excel;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>A figure of a known kind in a <see cref="SheetTable"/> row (a percentage as the percent number, 96.4).</summary>
public sealed record TableFigure(decimal? Value, FigureKind Kind);

/// <summary>
/// One table of figures (a dashboard chart's numbers): a sheet with a title, a header row and rows. A cell is text, a
/// date, a <see cref="TableFigure"/>, a decimal (a score: one decimal) or an int (a count).
/// </summary>
public sealed record SheetTable(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes tables of figures as a workbook, one sheet each: numbers as number cells, text through <see cref="ExcelText"/>,
/// header frozen and filtered. Used for "the numbers behind every dashboard chart, as an export".
/// </summary>
public static class TablesWorkbook
{
    public static void Write(IEnumerable<SheetTable> tables, Stream output)
    {
        using var workbook = new XLWorkbook();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables)
        {
            var ws = workbook.AddWorksheet(ExcelText.SheetName(table.Name, names));
            ExcelText.Set(ws.Cell(1, 1), table.Title).Style.Font.SetBold().Font.SetFontSize(13);
            const int headerRow = 3;
            for (var c = 0; c < table.Headers.Count; c++)
            {
                ExcelText.Set(ws.Cell(headerRow, c + 1), table.Headers[c]);
                ws.Column(c + 1).Width = c == 0 ? 28 : 14;
            }

            ws.Range(headerRow, 1, headerRow, Math.Max(1, table.Headers.Count)).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromArgb(0xDD, 0xE6, 0xF1));
            var row = headerRow + 1;
            foreach (var values in table.Rows)
            {
                for (var c = 0; c < values.Count; c++)
                {
                    var cell = ws.Cell(row, c + 1);
                    switch (values[c])
                    {
                        case null:
                            break;
                        case TableFigure f:
                            ExcelText.Figure(cell, f.Value, f.Kind);
                            break;
                        case decimal d:
                            ExcelText.Figure(cell, d, FigureKind.Score);
                            break;
                        case int i:
                            ExcelText.Figure(cell, i, FigureKind.Count);
                            break;
                        case DateOnly date:
                            ExcelText.Date(cell, date);
                            break;
                        default:
                            ExcelText.Set(cell, Convert.ToString(values[c], System.Globalization.CultureInfo.InvariantCulture));
                            break;
                    }
                }

                row++;
            }

            ws.SheetView.FreezeRows(headerRow);
            if (table.Headers.Count > 0)
            {
                ws.Range(headerRow, 1, Math.Max(headerRow, row - 1), table.Headers.Count).SetAutoFilter();
            }
        }

        if (names.Count == 0)
        {
            workbook.AddWorksheet("-");
        }

        workbook.SaveAs(output);
    }
}
