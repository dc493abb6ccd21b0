using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the export tests: download a workbook, look for formulas, raise an action.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>GETs an export and checks it is an .xlsx; returns its bytes.</summary>
    public static async Task<byte[]> DownloadXlsxAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static XLWorkbook OpenWorkbook(byte[] bytes) => new(new MemoryStream(bytes));

    /// <summary>Every cell formula in the file, read with the Open XML SDK (not ClosedXML, which could hide one).</summary>
    public static IReadOnlyList<string> FormulasIn(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        return document.WorkbookPart!.WorksheetParts
            .SelectMany(part => part.Worksheet.Descendants<CellFormula>())
            .Select(f => f.Text)
            .ToList();
    }

    /// <summary>One text cell of a workbook, read with the Open XML SDK: where it is, its text, and whether it is guarded.</summary>
    public sealed record TextCell(string Sheet, string Reference, string Text, bool Guarded);

    /// <summary>
    /// Every text cell of every sheet (shared, inline and formula-result strings). Guarded means what
    /// <c>ExcelText</c> promises for formula-like text: the quote-prefix flag or the Text number format (@, id 49)
    /// in the cell's style.
    /// </summary>
    public static IReadOnlyList<TextCell> TextCellsIn(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var formats = workbook.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var cells = new List<TextCell>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                string? text = null;
                if (cell.DataType?.Value == CellValues.SharedString)
                {
                    // ClosedXML leaves a styled empty cell as t="s" with no value.
                    text = cell.CellValue is { } value ? shared[int.Parse(value.Text, System.Globalization.CultureInfo.InvariantCulture)] : "";
                }
                else if (cell.DataType?.Value == CellValues.InlineString)
                {
                    text = cell.InlineString?.InnerText ?? "";
                }
                else if (cell.DataType?.Value == CellValues.String)
                {
                    text = cell.CellValue?.Text ?? "";
                }

                if (text is null)
                {
                    continue;
                }

                var style = cell.StyleIndex?.Value is { } index && index < formats.Count ? formats[(int)index] : null;
                var guarded = style is not null && (style.QuotePrefix?.Value == true || style.NumberFormatId?.Value == 49);
                cells.Add(new TextCell(sheet.Name!, cell.CellReference?.Value ?? "", text, guarded));
            }
        }

        return cells;
    }

    /// <summary>Text cells that start like a formula (= + - @ tab CR LF) and carry no guard.</summary>
    public static IReadOnlyList<TextCell> UnguardedFormulaTextIn(byte[] bytes) =>
        TextCellsIn(bytes).Where(c => c.Text.Length > 0 && "=+-@\t\r\n".Contains(c.Text[0], StringComparison.Ordinal) && !c.Guarded).ToList();

    /// <summary>Raises a corrective action directly (the actions pages are another feature's).</summary>
    public Task<int> RaiseActionAsync(int roundId, string teamName, string? indicator, string description, DateOnly due) =>
        WithDbAsync(async db =>
        {
            var team = await db.Teams.FirstAsync(t => t.Name == teamName);
            var manager = await db.People.FirstAsync(p => p.Email == "manager@demo.local");
            var action = new CorrectiveAction(roundId, team.Id, indicator, description, team.LeadId ?? manager.Id, due, manager.Id, DateTime.UtcNow);
            db.CorrectiveActions.Add(action);
            await db.SaveChangesAsync();
            return action.Id;
        });
}
