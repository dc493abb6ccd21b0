using ClosedXML.Excel;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Records;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Reviews;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Exports;

/// <summary>What the inspection record sheet shows beyond the <see cref="InspectionSheet"/> itself.</summary>
public sealed record InspectionRecordData(
    InspectionSheet Sheet, DateOnly PeriodStart, DateOnly PeriodEnd, string PlanName, int PlanNumber, int TimeSpentSeconds, DateTime? StartedAt)
{
    /// <summary>The organisation's zone: the submission time is shown as wall-clock time there.</summary>
    public required TimeZoneInfo Zone { get; init; }
    /// <summary>The arbitration of disputed indicators (part of the record: ADR 0023), by indicator code.</summary>
    public IReadOnlyList<RulingFact> Rulings { get; init; } = [];

    /// <summary>Indicators disputed and not yet ruled.</summary>
    public IReadOnlyList<OpenDisputeItem> OpenDisputes { get; init; } = [];

    /// <summary>Every file kept on the record (issue #14), oldest first.</summary>
    public IReadOnlyList<RecordAttachment> Attachments { get; init; } = [];

    /// <summary>The record's conversation, oldest first.</summary>
    public IReadOnlyList<RecordComment> Comments { get; init; } = [];
}

/// <summary>One indicator of a dispute still waiting for its ruling: the lead's reason, who disputed and when (UTC).</summary>
public sealed record OpenDisputeItem(string IndicatorCode, string Reason, string RaisedBy, DateTime RaisedAt);

/// <summary>A file on the record as the sheet lists it: what it is attached to, its name and size, who attached it and when (UTC).</summary>
public sealed record RecordAttachment(AttachedTo To, string? IndicatorCode, int? CommentId, string FileName, long Size, string UploadedBy, DateTime UploadedAt);

/// <summary>A comment of the record's conversation: who, when (UTC), about which indicator (null: the whole record), the text.</summary>
public sealed record RecordComment(int Id, string Author, DateTime CreatedAt, DateTime? EditedAt, string? IndicatorCode, string Text);

/// <summary>
/// The inspection record sheet (检查记录表) as a workbook that prints like the paper form and carries what the record
/// page shows (issue #14): header block (with the confirmation time and the number of attachments), one table of
/// indicators grouped by category (indicator, standard, input, maximum, points, evidence with the measured figure and the
/// names of the indicator's attachments), category scores, total, grade, veto, overridden measured values marked, the
/// rulings and the disputes still open, and signature lines; then a sheet "附件" listing every file by name (what it is
/// attached to, size, who, when) and a sheet "沟通记录" with the conversation. Every sheet: A4 portrait, fit to one page
/// wide, its table's header row repeated on every printed page. Numbers are number cells; every user text goes through
/// <see cref="ExcelText"/>.
/// </summary>
public static class InspectionRecordSheet
{
    private const int Columns = 7;
    private static readonly XLColor HeaderFill = XLColor.FromArgb(0xDD, 0xE6, 0xF1);
    private static readonly XLColor CategoryFill = XLColor.FromArgb(0xF2, 0xF2, 0xF2);
    private static readonly XLColor OverrideFill = XLColor.FromArgb(0xFF, 0xF2, 0xCC);

    public static void Write(InspectionRecordData data, ExportLabels labels, Stream output)
    {
        using var workbook = Build(data, labels);
        workbook.SaveAs(output);
    }

    public static XLWorkbook Build(InspectionRecordData data, ExportLabels labels)
    {
        var sheet = data.Sheet;
        var workbook = new XLWorkbook();
        var ws = workbook.AddWorksheet(ExcelText.SheetName(labels["Record.SheetName"], new HashSet<string>()));
        ws.Style.Font.FontName = "SimSun";
        ws.Style.Font.FontSize = 10.5;
        double[] widths = [7, 22, 40, 13, 7, 7, 32];
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }

        var row = 1;
        var title = ws.Range(row, 1, row, Columns).Merge();
        ExcelText.Set(title.FirstCell(), labels["Record.Title"]);
        title.Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(row).Height = 28;
        row++;
        var plan = ws.Range(row, 1, row, Columns).Merge();
        ExcelText.Set(plan.FirstCell(), labels.Format("Record.Plan", data.PlanName, data.PlanNumber));
        plan.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Font.SetFontColor(XLColor.DimGray);
        row += 2;

        var local = sheet.SubmittedAt is { } submitted ? OrganisationClock.ToLocal(submitted, data.Zone) : (DateTime?)null;
        row = Pair(ws, row, labels["Record.Project"], sheet.ProjectName, labels["Record.Team"], sheet.TeamName);
        row = Pair(ws, row, labels["Record.Round"], sheet.RoundName, labels["Record.Period"],
            labels.Format("Record.PeriodValue", data.PeriodStart.ToString("yyyy-MM-dd", labels.Culture), data.PeriodEnd.ToString("yyyy-MM-dd", labels.Culture)));
        row = Pair(ws, row, labels["Record.Inspector"], sheet.InspectorName, labels["Record.Status"], labels.Status(sheet.Status));
        Label(ws.Cell(row, 1), labels["Record.Date"]);
        ws.Range(row, 2, row, 3).Merge();
        ExcelText.DateTime(ws.Cell(row, 2), local).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
        // A count of minutes: the unit goes to the label, so the cell keeps the one format of counts.
        Label(ws.Range(row, 4, row, 5).Merge().FirstCell(), labels["Record.TimeSpent"] + " (" + labels["Record.Minutes"] + ")");
        ws.Range(row, 6, row, 7).Merge();
        ExcelText.Figure(ws.Cell(row, 6), data.TimeSpentSeconds / 60m, FigureKind.Count);
        ws.Cell(row, 6).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
        row++;
        Label(ws.Cell(row, 1), labels["Record.ConfirmedAt"]);
        ws.Range(row, 2, row, 3).Merge();
        var confirmed = sheet.ConfirmedAt is { } confirmedAt ? OrganisationClock.ToLocal(confirmedAt, data.Zone) : (DateTime?)null;
        ExcelText.DateTime(ws.Cell(row, 2), confirmed).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
        Label(ws.Range(row, 4, row, 5).Merge().FirstCell(), labels["Record.AttachmentCount"]);
        ws.Range(row, 6, row, 7).Merge();
        ExcelText.Figure(ws.Cell(row, 6), data.Attachments.Count, FigureKind.Count);
        ws.Cell(row, 6).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
        ws.Range(4, 1, row, Columns).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        row += 2;

        var headerRow = row;
        string[] headers = ["Record.Col.Code", "Record.Col.Indicator", "Record.Col.Standard", "Record.Col.Input", "Record.Col.Max", "Record.Col.Points", "Record.Col.Evidence"];
        for (var c = 0; c < headers.Length; c++)
        {
            ExcelText.Set(ws.Cell(row, c + 1), labels[headers[c]]);
        }

        ws.Range(row, 1, row, Columns).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill)
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        var tableStart = row;
        row++;

        var anyOverride = false;
        var rulings = data.Rulings.ToDictionary(r => r.IndicatorCode, StringComparer.Ordinal);
        var pending = data.OpenDisputes.Select(d => d.IndicatorCode).ToHashSet(StringComparer.Ordinal);
        var files = data.Attachments.Where(a => a.To == AttachedTo.Indicator && a.IndicatorCode is not null)
            .GroupBy(a => a.IndicatorCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("、", g.Select(a => a.FileName)), StringComparer.Ordinal);
        foreach (var category in sheet.Categories)
        {
            var head = ws.Range(row, 1, row, Columns);
            ExcelText.Set(ws.Cell(row, 1), category.Code);
            ws.Range(row, 2, row, 4).Merge();
            ExcelText.Set(ws.Cell(row, 2), labels.Format("Record.CategoryHead", category.Name, category.Weight.ToString("0.##", labels.Culture)));
            ExcelText.Figure(ws.Cell(row, 5), category.Weight, FigureKind.Points);
            if (category.Excluded)
            {
                ExcelText.Set(ws.Cell(row, 6), labels["Input.NotApplicable"]);
            }
            else
            {
                ExcelText.Figure(ws.Cell(row, 6), category.Score, FigureKind.Score);
            }

            ExcelText.Set(ws.Cell(row, 7), labels["Record.CategoryScore"]);
            head.Style.Font.SetBold().Fill.SetBackgroundColor(CategoryFill);
            row++;

            foreach (var item in category.Rows)
            {
                ExcelText.Set(ws.Cell(row, 1), item.Code);
                ExcelText.Set(ws.Cell(row, 2), item.Critical ? item.Name + " " + labels["Record.Critical"] : item.Name);
                ExcelText.Set(ws.Cell(row, 3), item.Standard);
                var input = ws.Cell(row, 4);
                if (item.Input is { NotApplicable: false, Value: { } value })
                {
                    ExcelText.Figure(input, value, item.Unit == "%" ? FigureKind.Percent : FigureKind.Score);
                }
                else if (item.Input is { NotApplicable: false, Count: { } count })
                {
                    ExcelText.Figure(input, count, FigureKind.Count);
                }
                else
                {
                    ExcelText.Set(input, labels.Input(item.Input));
                }

                ExcelText.Figure(ws.Cell(row, 5), item.Max, FigureKind.Points);
                ExcelText.Figure(ws.Cell(row, 6), item.Points, FigureKind.Points);
                var evidence = item.Input.Note;
                if (files.TryGetValue(item.Code, out var names))
                {
                    evidence = (string.IsNullOrEmpty(evidence) ? "" : evidence + "\n") + labels.Format("Record.AttachmentsLine", names);
                }

                if (rulings.ContainsKey(item.Code))
                {
                    evidence = (string.IsNullOrEmpty(evidence) ? "" : evidence + "\n") + labels["Ruling.SeeBelow"];
                }
                else if (pending.Contains(item.Code))
                {
                    evidence = (string.IsNullOrEmpty(evidence) ? "" : evidence + "\n") + labels["Record.DisputePending"];
                }

                if (item.MeasuredOverridden)
                {
                    anyOverride = true;
                    var measured = item.MeasuredValue is { } m ? m.ToString("0.0##", labels.Culture) : labels["Input.Empty"];
                    evidence = labels.Format("Record.Overridden", measured) + (string.IsNullOrEmpty(evidence) ? "" : "\n" + evidence);
                    ws.Range(row, 4, row, 7).Style.Fill.SetBackgroundColor(OverrideFill);
                    ExcelText.Set(ws.Cell(row, 7), evidence);
                    input.Style.Font.SetBold();
                }
                else if (item.MeasuredValue is not null || item.MeasuredDenominator is not null)
                {
                    var measured = item is { MeasuredNumerator: { } numerator, MeasuredDenominator: { } denominator }
                        ? labels.Format("Record.MeasuredOf", numerator, denominator)
                        : labels["Record.Measured"];
                    ExcelText.Set(ws.Cell(row, 7), string.IsNullOrEmpty(evidence) ? measured : measured + "\n" + evidence);
                }
                else
                {
                    ExcelText.Set(ws.Cell(row, 7), evidence);
                }

                FitRowHeight(ws, row, widths);
                row++;
            }
        }

        var table = ws.Range(tableStart, 1, row - 1, Columns);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Top).Alignment.SetWrapText(true);
        ws.Range(tableStart, 1, row - 1, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Range(tableStart, 4, row - 1, 6).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);

        // Total, grade, veto.
        Label(ws.Range(row, 1, row, 3).Merge().FirstCell(), labels["Record.Total"]);
        ws.Range(row, 4, row, 5).Merge();
        ExcelText.Figure(ws.Cell(row, 4), sheet.Total, FigureKind.Score).Style.Font.SetBold().Font.SetFontSize(14);
        Label(ws.Cell(row, 6), labels["Record.Grade"]);
        ExcelText.Set(ws.Cell(row, 7), sheet.Grade).Style.Font.SetBold().Font.SetFontSize(14);
        var totalRow = row;
        row++;
        Label(ws.Range(row, 1, row, 3).Merge().FirstCell(), labels["Record.Veto"]);
        ws.Range(row, 4, row, Columns).Merge();
        var vetoRow = sheet.VetoedBy is { } vetoCode ? sheet.Row(vetoCode) : null;
        ExcelText.Set(ws.Cell(row, 4), sheet.VetoedBy is null
            ? labels["Record.NoVeto"]
            : labels.Format("Record.VetoNote", sheet.VetoedBy, vetoRow?.Name ?? "", (sheet.TotalBeforeVeto ?? 0m).ToString("0.0", labels.Culture)));
        if (sheet.VetoedBy is not null)
        {
            ws.Cell(row, 4).Style.Font.SetFontColor(XLColor.DarkRed).Font.SetBold();
        }

        ws.Range(totalRow, 1, row, Columns).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        ws.Range(totalRow, 4, row, 4).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
        row++;
        if (anyOverride)
        {
            ws.Range(row, 1, row, Columns).Merge();
            ExcelText.Set(ws.Cell(row, 1), labels["Record.OverrideLegend"]).Style.Fill.SetBackgroundColor(OverrideFill);
            row++;
        }

        row = Rulings(ws, row, data.Rulings, data.Zone, labels, widths);
        row = OpenDisputes(ws, row, data.OpenDisputes, data.Zone, labels, widths);

        // Signature lines (签字栏).
        row++;
        foreach (var key in new[] { "Record.SignInspector", "Record.SignLead" })
        {
            ws.Range(row, 1, row, 2).Merge();
            Label(ws.Cell(row, 1), labels[key]);
            ws.Range(row, 3, row, 4).Merge().Style.Border.SetBottomBorder(XLBorderStyleValues.Thin);
            Label(ws.Cell(row, 5), labels["Record.SignDate"]);
            ws.Range(row, 6, row, 7).Merge().Style.Border.SetBottomBorder(XLBorderStyleValues.Thin);
            ws.Row(row).Height = 30;
            ws.Range(row, 1, row, Columns).Style.Alignment.SetVertical(XLAlignmentVerticalValues.Bottom);
            row += 2;
        }

        Print(ws, headerRow, row, Columns);
        AttachmentsSheet(workbook, data, labels);
        CommentsSheet(workbook, data, labels);
        return workbook;
    }

    /// <summary>The page setup of every sheet of the record: A4 portrait, one page wide, the table header on every page, page numbers.</summary>
    private static void Print(IXLWorksheet ws, int headerRow, int lastRow, int columns)
    {
        var setup = ws.PageSetup;
        setup.PaperSize = XLPaperSize.A4Paper;
        setup.PageOrientation = XLPageOrientation.Portrait;
        setup.FitToPages(1, 0);
        setup.SetRowsToRepeatAtTop(headerRow, headerRow);
        setup.Margins.SetLeft(0.5).SetRight(0.5).SetTop(0.6).SetBottom(0.6);
        setup.CenterHorizontally = true;
        setup.Footer.Center.AddText(XLHFPredefinedText.PageNumber);
        setup.Footer.Center.AddText(" / ");
        setup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages);
        setup.PrintAreas.Add(1, 1, lastRow, columns);
    }

    /// <summary>A further sheet of the record: its title (the record's title and who and what it is about) and the column widths.</summary>
    private static IXLWorksheet Sheet(XLWorkbook workbook, InspectionRecordData data, ExportLabels labels, string nameKey, string titleKey, double[] widths)
    {
        var taken = workbook.Worksheets.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        var ws = workbook.AddWorksheet(ExcelText.SheetName(labels[nameKey], taken));
        ws.Style.Font.FontName = "SimSun";
        ws.Style.Font.FontSize = 10.5;
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }

        var title = ws.Range(1, 1, 1, widths.Length).Merge();
        ExcelText.Set(title.FirstCell(), labels[titleKey]);
        title.Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(1).Height = 24;
        var about = ws.Range(2, 1, 2, widths.Length).Merge();
        ExcelText.Set(about.FirstCell(), labels.Format("Record.About", data.Sheet.ProjectName, data.Sheet.TeamName, data.Sheet.RoundName, data.Sheet.InspectorName));
        about.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Font.SetFontColor(XLColor.DimGray);
        return ws;
    }

    private static int TableHeader(IXLWorksheet ws, int row, ExportLabels labels, string[] keys, double[] widths)
    {
        for (var c = 0; c < keys.Length; c++)
        {
            ExcelText.Set(ws.Cell(row, c + 1), labels[keys[c]]);
        }

        ws.Range(row, 1, row, keys.Length).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill)
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        FitRowHeight(ws, row, widths);
        return row;
    }

    private static void Table(IXLWorksheet ws, int headerRow, int lastRow, int columns) =>
        ws.Range(headerRow, 1, lastRow, columns).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Top).Alignment.SetWrapText(true);

    /// <summary>
    /// The sheet "附件": every file kept on the record by name — attached to the record, an indicator, a dispute, a
    /// comment or a corrective action — with its size, who attached it and when (local time).
    /// </summary>
    private static void AttachmentsSheet(XLWorkbook workbook, InspectionRecordData data, ExportLabels labels)
    {
        double[] widths = [6, 18, 42, 11, 14, 17];
        var ws = Sheet(workbook, data, labels, "Record.Attachments.SheetName", "Record.Attachments.Title", widths);
        var headerRow = TableHeader(ws, 4, labels,
            ["Record.Col.Code", "Record.Attachments.Col.Of", "Record.Attachments.Col.Name", "Record.Attachments.Col.Size", "Record.Attachments.Col.By", "Record.Attachments.Col.At"], widths);
        var row = headerRow + 1;
        if (data.Attachments.Count == 0)
        {
            ws.Range(row, 1, row, widths.Length).Merge();
            ExcelText.Set(ws.Cell(row, 1), labels["Record.Attachments.None"]);
            row++;
        }

        var number = 0;
        foreach (var a in data.Attachments)
        {
            ExcelText.Figure(ws.Cell(row, 1), ++number, FigureKind.Count);
            ExcelText.Set(ws.Cell(row, 2), a.To switch
            {
                AttachedTo.Indicator => labels.Format("Record.Attachments.Of.Indicator", a.IndicatorCode),
                AttachedTo.Dispute => labels.Format("Record.Attachments.Of.Dispute", a.IndicatorCode),
                AttachedTo.Comment => a.IndicatorCode is null ? labels["Record.Attachments.Of.Comment"] : labels.Format("Record.Attachments.Of.CommentOn", a.IndicatorCode),
                AttachedTo.CorrectiveAction => labels["Record.Attachments.Of.CorrectiveAction"],
                _ => labels["Record.Attachments.Of.Record"],
            });
            ExcelText.Set(ws.Cell(row, 3), a.FileName);
            ExcelText.Set(ws.Cell(row, 4), Size(a.Size, labels));
            ExcelText.Set(ws.Cell(row, 5), a.UploadedBy);
            ExcelText.DateTime(ws.Cell(row, 6), OrganisationClock.ToLocal(a.UploadedAt, data.Zone));
            FitRowHeight(ws, row, widths);
            row++;
        }

        Table(ws, headerRow, row - 1, widths.Length);
        ws.Range(headerRow + 1, 1, row - 1, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Range(headerRow + 1, 4, row - 1, 4).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        ws.Range(headerRow + 1, 6, row - 1, 6).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        Print(ws, headerRow, row - 1, widths.Length);
    }

    /// <summary>The sheet "沟通记录": the record's conversation, oldest first — when, who, about which indicator, the text and its files.</summary>
    private static void CommentsSheet(XLWorkbook workbook, InspectionRecordData data, ExportLabels labels)
    {
        double[] widths = [17, 12, 10, 60, 24];
        var ws = Sheet(workbook, data, labels, "Record.Comments.SheetName", "Record.Comments.Title", widths);
        var headerRow = TableHeader(ws, 4, labels,
            ["Record.Comments.Col.At", "Record.Comments.Col.Author", "Record.Comments.Col.Indicator", "Record.Comments.Col.Text", "Record.Comments.Col.Attachments"], widths);
        var row = headerRow + 1;
        if (data.Comments.Count == 0)
        {
            ws.Range(row, 1, row, widths.Length).Merge();
            ExcelText.Set(ws.Cell(row, 1), labels["Record.Comments.None"]);
            row++;
        }

        var files = data.Attachments.Where(a => a.To == AttachedTo.Comment && a.CommentId is not null)
            .GroupBy(a => a.CommentId!.Value)
            .ToDictionary(g => g.Key, g => string.Join("\n", g.Select(a => a.FileName)));
        foreach (var c in data.Comments)
        {
            ExcelText.DateTime(ws.Cell(row, 1), OrganisationClock.ToLocal(c.CreatedAt, data.Zone));
            ExcelText.Set(ws.Cell(row, 2), c.Author);
            ExcelText.Set(ws.Cell(row, 3), c.IndicatorCode ?? labels["Record.Comments.WholeRecord"]);
            ExcelText.Set(ws.Cell(row, 4), c.EditedAt is null ? c.Text : c.Text + "\n" + labels["Record.Comments.Edited"]);
            ExcelText.Set(ws.Cell(row, 5), files.GetValueOrDefault(c.Id, ""));
            FitRowHeight(ws, row, widths);
            row++;
        }

        Table(ws, headerRow, row - 1, widths.Length);
        ws.Range(headerRow + 1, 1, row - 1, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Range(headerRow + 1, 3, row - 1, 3).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        Print(ws, headerRow, row - 1, widths.Length);
    }

    /// <summary>A file size as people read it (KB, MB), in the export's culture.</summary>
    private static string Size(long bytes, ExportLabels labels) => bytes switch
    {
        >= 1024L * 1024 => (bytes / (1024m * 1024)).ToString("0.#", labels.Culture) + " MB",
        >= 1024 => (bytes / 1024m).ToString("0", labels.Culture) + " KB",
        _ => bytes.ToString(labels.Culture) + " B",
    };

    /// <summary>The disputes still waiting for a ruling: for each indicator, the lead's reason, who disputed and when.</summary>
    private static int OpenDisputes(IXLWorksheet ws, int row, IReadOnlyList<OpenDisputeItem> open, TimeZoneInfo zone, ExportLabels labels, double[] widths)
    {
        if (open.Count == 0)
        {
            return row;
        }

        row++;
        ws.Range(row, 1, row, Columns).Merge();
        ExcelText.Set(ws.Cell(row, 1), labels["Record.OpenDisputes.Title"]).Style.Font.SetBold().Font.SetFontSize(12);
        row++;
        var headerRow = row;
        ExcelText.Set(ws.Cell(row, 1), labels["Record.Col.Code"]);
        ws.Range(row, 2, row, 5).Merge();
        ExcelText.Set(ws.Cell(row, 2), labels["Record.OpenDisputes.Col.Reason"]);
        ws.Range(row, 6, row, 7).Merge();
        ExcelText.Set(ws.Cell(row, 6), labels["Record.OpenDisputes.Col.RaisedByAt"]);
        ws.Range(row, 1, row, Columns).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        row++;
        foreach (var d in open)
        {
            ExcelText.Set(ws.Cell(row, 1), d.IndicatorCode);
            ws.Range(row, 2, row, 5).Merge();
            ExcelText.Set(ws.Cell(row, 2), d.Reason);
            ws.Range(row, 6, row, 7).Merge();
            var at = OrganisationClock.ToLocal(d.RaisedAt, zone).ToString("yyyy-MM-dd HH:mm", labels.Culture);
            ExcelText.Set(ws.Cell(row, 6), labels.Format("Ruling.RuledByAt", d.RaisedBy, at));
            // The reason spans columns 2–5 and the name columns 6–7: their widths together decide the lines.
            FitRowHeight(ws, row, [widths[0], widths[1] + widths[2] + widths[3] + widths[4], 0, 0, 0, widths[5] + widths[6], 0]);
            row++;
        }

        Table(ws, headerRow, row - 1, Columns);
        ws.Range(headerRow + 1, 1, row - 1, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        return row;
    }

    /// <summary>
    /// The arbitration of disputed indicators, part of the record (ADR 0023): for each, the outcome with who ruled and
    /// when (local time), the lead's reason and the ruling, the input before → after, and the points before and after.
    /// </summary>
    private static int Rulings(IXLWorksheet ws, int row, IReadOnlyList<RulingFact> rulings, TimeZoneInfo zone, ExportLabels labels, double[] widths)
    {
        if (rulings.Count == 0)
        {
            return row;
        }

        row++;
        ws.Range(row, 1, row, Columns).Merge();
        ExcelText.Set(ws.Cell(row, 1), labels["Ruling.Title"]).Style.Font.SetBold().Font.SetFontSize(12);
        row++;
        var headerRow = row;
        string[] headers = ["Record.Col.Code", "Ruling.Col.Outcome", "Ruling.Col.ReasonAndRuling", "Ruling.Col.InputChange", "Ruling.Col.OriginalPoints", "Ruling.Col.RuledPoints", "Ruling.Col.RuledByAt"];
        for (var c = 0; c < headers.Length; c++)
        {
            ExcelText.Set(ws.Cell(row, c + 1), labels[headers[c]]);
        }

        ws.Range(row, 1, row, Columns).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        FitRowHeight(ws, row, widths);
        row++;
        foreach (var r in rulings)
        {
            ExcelText.Set(ws.Cell(row, 1), r.IndicatorCode);
            ExcelText.Set(ws.Cell(row, 2), labels.Outcome(r.Outcome));
            ExcelText.Set(ws.Cell(row, 3), labels.Format("Ruling.ReasonAndRuling", r.Reason, r.Ruling ?? ""));
            ExcelText.Set(ws.Cell(row, 4), labels.Format("Ruling.InputChange", labels.Recorded(r.Original), labels.Recorded(r.Ruled)));
            if (r.Original is null)
            {
                ExcelText.Set(ws.Cell(row, 5), labels["Ruling.NotRecorded"]);
            }
            else
            {
                ExcelText.Figure(ws.Cell(row, 5), r.Original.Points, FigureKind.Points);
            }

            if (r.Ruled is null)
            {
                ExcelText.Set(ws.Cell(row, 6), labels["Ruling.NotRecorded"]);
            }
            else
            {
                ExcelText.Figure(ws.Cell(row, 6), r.Ruled.Points, FigureKind.Points);
            }

            var at = r.RuledAt is { } utc ? OrganisationClock.ToLocal(utc, zone).ToString("yyyy-MM-dd HH:mm", labels.Culture) : "";
            ExcelText.Set(ws.Cell(row, 7), labels.Format("Ruling.RuledByAt", r.RuledBy ?? "", at));
            FitRowHeight(ws, row, widths);
            row++;
        }

        ws.Range(headerRow, 1, row - 1, Columns).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Top).Alignment.SetWrapText(true);
        ws.Range(headerRow + 1, 5, row - 1, 6).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        return row;
    }

    /// <summary>
    /// Sets a row's height for its wrapped text. Excel does not grow rows to fit wrapped text when it opens a file, so
    /// the height is estimated: a CJK character takes two width units, others one.
    /// </summary>
    private static void FitRowHeight(IXLWorksheet ws, int row, double[] widths)
    {
        var lines = 1;
        for (var c = 1; c <= widths.Length; c++)
        {
            // Only text wraps: a date or number cell's string (its raw value) says nothing about its shown width.
            var cell = ws.Cell(row, c);
            var text = cell.DataType == XLDataType.Text ? cell.GetString() : "";
            if (text.Length == 0)
            {
                continue;
            }

            var cellLines = text.Split('\n').Sum(part => Math.Max(1, (int)Math.Ceiling(part.Sum(ch => ch > 0x2E80 ? 2 : 1) / Math.Max(1, widths[c - 1] - 1))));
            lines = Math.Max(lines, cellLines);
        }

        ws.Row(row).Height = Math.Max(15, 14 * lines + 2);
    }

    private static int Pair(IXLWorksheet ws, int row, string label1, string value1, string label2, string value2)
    {
        Label(ws.Cell(row, 1), label1);
        ws.Range(row, 2, row, 3).Merge();
        ExcelText.Set(ws.Cell(row, 2), value1);
        Label(ws.Range(row, 4, row, 5).Merge().FirstCell(), label2);
        ws.Range(row, 6, row, 7).Merge();
        ExcelText.Set(ws.Cell(row, 6), value2);
        return row + 1;
    }

    private static void Label(IXLCell cell, string text)
    {
        ExcelText.Set(cell, text);
        cell.Style.Font.SetBold();
    }
}
