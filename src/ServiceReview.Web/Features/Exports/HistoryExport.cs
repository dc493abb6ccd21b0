using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Reviews.Disputes;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ServiceReview.Web.Features.Exports;

/// <summary>One indicator of one inspection, with its inspection's and round's context: a row of the history export.</summary>
public sealed record HistoryRow(
    int RoundId, string Round, DateOnly PeriodStart, DateOnly PeriodEnd, string Plan, int PlanVersion,
    string Project, string Team, int InspectionId, string Inspector, string Status, DateTime? SubmittedAtLocal,
    decimal? Total, decimal? TotalBeforeVeto, string? Grade, string? VetoedBy,
    string CategoryCode, string Category, decimal? CategoryScore,
    string IndicatorCode, string Indicator, decimal Max, string Input, decimal? Value, int? Count, decimal? Points,
    decimal? MeasuredValue, bool Overridden, string? Note)
{
    /// <summary>Whether the inspection counts in its team's round result (null: not confirmed, so not in it).</summary>
    public bool? Counted { get; init; }

    /// <summary>The ruling on this indicator, when it was disputed and ruled.</summary>
    public RulingFact? Ruling { get; init; }
}

/// <summary>
/// The history export: every inspection and indicator row in a range, for analysis in other tools. Written with
/// SpreadCheetah, a forward-only .xlsx writer, straight to the output stream as the rows arrive: memory stays flat
/// whatever the number of rows (docs/benchmarks.md). Strings are inline text cells written through
/// <see cref="ExcelText.Cell(string?, StyleId)"/>: never formulas, and guarded when they start like one.
/// </summary>
public static class HistoryExport
{
    public static readonly string[] ColumnKeys =
    [
        "RoundId", "Round", "PeriodStart", "PeriodEnd", "Plan", "PlanVersion", "Project", "Team", "InspectionId", "Inspector", "Status",
        "SubmittedAt", "Total", "TotalBeforeVeto", "Grade", "VetoedBy", "CategoryCode", "Category", "CategoryScore",
        "IndicatorCode", "Indicator", "Max", "Input", "Value", "Count", "Points", "MeasuredValue", "Overridden", "Note",

        // Appended for issue #13 (order above is stable for scripts): counted in the team's result, and the ruling.
        "Counted", "DisputeOutcome", "OriginalInput", "OriginalPoints", "RuledInput", "RuledPoints", "DisputeReason", "Ruling", "RuledBy", "RuledAt",
    ];

    /// <summary>Writes the rows; returns how many were written.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<HistoryRow> rows, ExportLabels labels, Stream output, CancellationToken cancellationToken = default)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 65536 }, cancellationToken);
        var options = new WorksheetOptions { FrozenRows = 1 };
        double[] widths = [8, 18, 11, 11, 20, 6, 18, 16, 8, 10, 8, 16, 8, 8, 8, 8, 6, 14, 8, 6, 24, 6, 10, 8, 6, 8, 8, 6, 30, 8, 8, 10, 8, 10, 8, 30, 30, 10, 16];
        for (var c = 0; c < widths.Length; c++)
        {
            options.Column(c + 1).Width = widths[c];
        }

        options.AutoFilter = new AutoFilterOptions("A1:" + ColumnName(ColumnKeys.Length) + "1");
        await spreadsheet.StartWorksheetAsync(labels["History.SheetName"], options, cancellationToken);

        var header = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Fill = { Color = System.Drawing.Color.FromArgb(0xDD, 0xE6, 0xF1) } });
        var score = spreadsheet.AddStyle(ExcelText.FigureStyle(FigureKind.Score));
        var points = spreadsheet.AddStyle(ExcelText.FigureStyle(FigureKind.Points));
        var count = spreadsheet.AddStyle(ExcelText.FigureStyle(FigureKind.Count));
        var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        var dateTime = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm") });
        var guarded = spreadsheet.AddStyle(ExcelText.GuardedTextStyle());

        var cells = new Cell[ColumnKeys.Length];
        for (var c = 0; c < ColumnKeys.Length; c++)
        {
            cells[c] = new Cell(labels["History.Col." + ColumnKeys[c]], header);
        }

        await spreadsheet.AddRowAsync(cells, cancellationToken);
        var yes = labels["Yes"];
        var no = labels["No"];
        var notRecorded = labels["Ruling.NotRecorded"];
        long written = 0;
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var i = 0;
            cells[i++] = new Cell(r.RoundId);
            cells[i++] = ExcelText.Cell(r.Round, guarded);
            cells[i++] = new Cell(r.PeriodStart.ToDateTime(TimeOnly.MinValue), date);
            cells[i++] = new Cell(r.PeriodEnd.ToDateTime(TimeOnly.MinValue), date);
            cells[i++] = ExcelText.Cell(r.Plan, guarded);
            cells[i++] = new Cell(r.PlanVersion);
            cells[i++] = ExcelText.Cell(r.Project, guarded);
            cells[i++] = ExcelText.Cell(r.Team, guarded);
            cells[i++] = new Cell(r.InspectionId);
            cells[i++] = ExcelText.Cell(r.Inspector, guarded);
            cells[i++] = ExcelText.Cell(r.Status, guarded);
            cells[i++] = new Cell(r.SubmittedAtLocal, dateTime);
            cells[i++] = ExcelText.FigureCell(r.Total, FigureKind.Score, score);
            cells[i++] = ExcelText.FigureCell(r.TotalBeforeVeto, FigureKind.Score, score);
            cells[i++] = ExcelText.Cell(r.Grade, guarded);
            cells[i++] = ExcelText.Cell(r.VetoedBy, guarded);
            cells[i++] = ExcelText.Cell(r.CategoryCode, guarded);
            cells[i++] = ExcelText.Cell(r.Category, guarded);
            cells[i++] = ExcelText.FigureCell(r.CategoryScore, FigureKind.Score, score);
            cells[i++] = ExcelText.Cell(r.IndicatorCode, guarded);
            cells[i++] = ExcelText.Cell(r.Indicator, guarded);
            cells[i++] = ExcelText.FigureCell(r.Max, FigureKind.Points, points);
            cells[i++] = ExcelText.Cell(r.Input, guarded);

            // The input as entered (a percentage stays 96.4 here, as scripts read it), shown with one decimal.
            cells[i++] = ExcelText.FigureCell(r.Value, FigureKind.Score, score);
            cells[i++] = ExcelText.FigureCell(r.Count, FigureKind.Count, count);
            cells[i++] = ExcelText.FigureCell(r.Points, FigureKind.Points, points);
            cells[i++] = ExcelText.FigureCell(r.MeasuredValue, FigureKind.Score, score);
            cells[i++] = ExcelText.Cell(r.Overridden ? yes : no, guarded);
            cells[i++] = ExcelText.Cell(r.Note, guarded);
            cells[i++] = new Cell(r.Counted is { } counted ? (counted ? yes : no) : null);
            var ruling = r.Ruling;
            cells[i++] = new Cell(ruling is null ? null : labels.Outcome(ruling.Outcome));
            cells[i++] = ruling is null ? new Cell((string?)null) : ExcelText.Cell(labels.Recorded(ruling.Original), guarded);
            cells[i++] = ruling is null ? new Cell((string?)null) : ruling.Original is null ? new Cell(notRecorded) : ExcelText.FigureCell(ruling.Original.Points, FigureKind.Points, points);
            cells[i++] = ruling is null ? new Cell((string?)null) : ExcelText.Cell(labels.Recorded(ruling.Ruled), guarded);
            cells[i++] = ruling is null ? new Cell((string?)null) : ruling.Ruled is null ? new Cell(notRecorded) : ExcelText.FigureCell(ruling.Ruled.Points, FigureKind.Points, points);
            cells[i++] = ExcelText.Cell(ruling?.Reason, guarded);
            cells[i++] = ExcelText.Cell(ruling?.Ruling, guarded);
            cells[i++] = ExcelText.Cell(ruling?.RuledBy, guarded);
            cells[i] = new Cell(ruling?.RuledAt, dateTime); // local already (HistoryExportService)
            await spreadsheet.AddRowAsync(cells, cancellationToken);
            written++;
        }

        await spreadsheet.FinishAsync(cancellationToken);
        return written;
    }

    private static string ColumnName(int number)
    {
        var name = "";
        while (number > 0)
        {
            var rest = (number - 1) % 26;
            name = (char)('A' + rest) + name;
            number = (number - rest - 1) / 26;
        }

        return name;
    }
}
