using ClosedXML.Excel;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Exports;

/// <summary>A corrective action as the workbook lists it.</summary>
public sealed record ActionRow(
    int Id, int TeamId, string Team, string Project, string? IndicatorCode, string Description, string Owner,
    DateOnly DueDate, CorrectiveActionStatus Status, bool Overdue, DateTime RaisedAt, DateTime? DoneAt, DateTime? VerifiedAt);

/// <summary>
/// Everything the round evaluation workbook shows. <see cref="Full"/> is false for a team lead or an inspector:
/// they get only the sheets of the teams they may see (no ranking of the others, no cross-team indicator sheet).
/// </summary>
public sealed record RoundWorkbookData(
    RoundResults Results, string PlanName, int PlanNumber, IReadOnlyList<string> Grades, IReadOnlyList<int> VisibleTeamIds,
    IReadOnlyDictionary<int, int> DisputesByTeam, IReadOnlyList<ActionRow> Actions, bool Full)
{
    /// <summary>The organisation's zone: the times in the workbook are wall-clock times there.</summary>
    public required TimeZoneInfo Zone { get; init; }
    /// <summary>The arbitration of disputed indicators, by inspection (part of the record: ADR 0023).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<RulingFact>> Rulings { get; init; } = new Dictionary<int, IReadOnlyList<RulingFact>>();
}

/// <summary>
/// The round evaluation workbook (评估表): a summary sheet ranking every team, one sheet per team with each
/// inspector's points side by side and the aggregate, an indicator sheet (mean points per indicator across teams,
/// weakest first) and the corrective actions. Every figure comes from <see cref="RoundResultsService.Calculate"/>
/// (stored scores; nothing is rescored here). Numbers are number cells with formats; headers are frozen and filtered.
/// </summary>
public static class RoundWorkbook
{
    private static readonly XLColor HeaderFill = XLColor.FromArgb(0xDD, 0xE6, 0xF1);
    private static readonly XLColor TotalFill = XLColor.FromArgb(0xF2, 0xF2, 0xF2);

    public static void Write(RoundWorkbookData data, ExportLabels labels, Stream output)
    {
        using var workbook = Build(data, labels);
        workbook.SaveAs(output);
    }

    public static XLWorkbook Build(RoundWorkbookData data, ExportLabels labels)
    {
        var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = "SimSun";
        workbook.Style.Font.FontSize = 10.5;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visible = data.Results.Teams.Where(t => data.VisibleTeamIds.Contains(t.TeamId)).ToList();
        if (data.Full)
        {
            Summary(workbook.AddWorksheet(ExcelText.SheetName(labels["Round.Sheet.Summary"], names)), data, labels);
        }

        foreach (var team in visible)
        {
            TeamSheet(workbook.AddWorksheet(ExcelText.SheetName(team.Team, names)), data, team, labels);
        }

        if (data.Full)
        {
            Indicators(workbook.AddWorksheet(ExcelText.SheetName(labels["Round.Sheet.Indicators"], names)), data, labels);
        }

        Actions(workbook.AddWorksheet(ExcelText.SheetName(labels["Round.Sheet.Actions"], names)), data, labels);
        return workbook;
    }

    private static void Title(IXLWorksheet ws, int columns, string title, string subtitle)
    {
        ws.Range(1, 1, 1, columns).Merge();
        ExcelText.Set(ws.Cell(1, 1), title).Style.Font.SetBold().Font.SetFontSize(14);
        ws.Range(2, 1, 2, columns).Merge();
        ExcelText.Set(ws.Cell(2, 1), subtitle).Style.Font.SetFontColor(XLColor.DimGray);
    }

    private static string Subtitle(RoundWorkbookData data, ExportLabels labels) =>
        labels.Format("Round.Subtitle",
            data.Results.Round.PeriodStart.ToString("yyyy-MM-dd", labels.Culture),
            data.Results.Round.PeriodEnd.ToString("yyyy-MM-dd", labels.Culture),
            data.PlanName, data.PlanNumber,
            labels["Aggregation." + data.Results.Round.Aggregation]);

    private static void Header(IXLWorksheet ws, int row, IReadOnlyList<string> headers, double[] widths)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            ExcelText.Set(ws.Cell(row, c + 1), headers[c]);
            ws.Column(c + 1).Width = c < widths.Length ? widths[c] : widths[^1];
        }

        ws.Range(row, 1, row, headers.Count).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill)
            .Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Center)
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(row).Height = 30;
        ws.SheetView.FreezeRows(row);
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(row, row);
    }

    private static void Grid(IXLWorksheet ws, int firstRow, int lastRow, int columns, bool filter)
    {
        if (lastRow < firstRow)
        {
            return;
        }

        var range = ws.Range(firstRow, 1, lastRow, columns);
        range.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        if (filter)
        {
            range.SetAutoFilter();
        }
    }

    private static string Category(CategoryResult c, ExportLabels labels) =>
        labels.Format("Round.CategoryColumn", c.Code, c.Name, c.Weight.ToString("0.##", labels.Culture));

    private static void Summary(IXLWorksheet ws, RoundWorkbookData data, ExportLabels labels)
    {
        var results = data.Results;
        var categories = results.Teams.Count > 0 ? results.Teams[0].Categories : [];
        var headers = new List<string> { labels["Round.Col.Rank"], labels["Round.Col.Project"], labels["Round.Col.Team"] };
        headers.AddRange(categories.Select(c => Category(c, labels)));
        headers.AddRange([labels["Round.Col.Total"], labels["Round.Col.Grade"], labels["Round.Col.Confirmed"], labels["Round.Col.Assigned"], labels["Round.Col.Trimmed"], labels["Round.Col.Disputes"],
            labels["Counting.Col.Counted"], labels["Counting.Col.Dropped"]]);
        Title(ws, headers.Count, labels.Format("Round.Title", results.Round.Name), Subtitle(data, labels));
        ws.Range(3, 1, 3, headers.Count).Merge();
        var middle = results.Teams.Where(t => t.MiddleAloneDecides).Select(t => t.Team).ToList();
        ExcelText.Set(ws.Cell(3, 1), labels["Counting.Rule." + results.Round.Aggregation]
            + (middle.Count > 0 ? " " + labels.Format("Counting.MiddleAloneDecides", string.Join(labels["Counting.Separator"], middle)) : ""))
            .Style.Font.SetItalic().Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Top);
        ws.Row(3).Height = 30;
        var widths = new List<double> { 7, 20, 20 };
        widths.AddRange(categories.Select(_ => 12.0));
        widths.AddRange([10, 8, 10, 10, 10, 8, 24, 24]);
        const int headerRow = 4;
        Header(ws, headerRow, headers, [.. widths]);

        var row = headerRow + 1;
        foreach (var team in results.Teams)
        {
            var c = 1;
            ExcelText.Figure(ws.Cell(row, c++), team.Rank, FigureKind.Count);
            ExcelText.Set(ws.Cell(row, c++), team.Project);
            ExcelText.Set(ws.Cell(row, c++), team.Team);
            foreach (var category in team.Categories)
            {
                ExcelText.Figure(ws.Cell(row, c++), category.Score, FigureKind.Score);
            }

            ExcelText.Figure(ws.Cell(row, c++), team.Total, FigureKind.Score).Style.Font.SetBold();
            ExcelText.Set(ws.Cell(row, c++), team.Grade ?? labels["Round.NoResult"]);
            ExcelText.Figure(ws.Cell(row, c++), team.ConfirmedCount, FigureKind.Count);
            ExcelText.Figure(ws.Cell(row, c++), team.AssignedCount, FigureKind.Count);
            ExcelText.Set(ws.Cell(row, c++), team.Trimmed ? labels["Yes"] : labels["No"]);
            ExcelText.Figure(ws.Cell(row, c++), data.DisputesByTeam.GetValueOrDefault(team.TeamId), FigureKind.Count);
            ExcelText.Set(ws.Cell(row, c++), Inspectors(team, team.Counted, labels));
            ExcelText.Set(ws.Cell(row, c), Inspectors(team, team.Dropped, labels));
            row++;
        }

        Grid(ws, headerRow, row - 1, headers.Count, filter: true);
        ws.Range(headerRow + 1, 1, Math.Max(headerRow + 1, row - 1), 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
    }

    private static void TeamSheet(IXLWorksheet ws, RoundWorkbookData data, TeamResult team, ExportLabels labels)
    {
        var results = data.Results;
        var inspections = team.Inspections;
        var headers = new List<string> { labels["Round.Col.Code"], labels["Round.Col.Indicator"], labels["Round.Col.Max"] };
        headers.AddRange(inspections.Select(i => i.Inspector));
        headers.Add(labels["Round.Col.Aggregate"]);
        var columns = headers.Count;
        var rank = team.Rank is { } r && data.Full ? labels.Format("Round.TeamRank", r, results.Teams.Count) : "";
        Title(ws, columns, labels.Format("Round.TeamTitle", team.Project, team.Team), Subtitle(data, labels) + (rank.Length > 0 ? "  " + rank : ""));
        var widths = new List<double> { 7, 34, 7 };
        widths.AddRange(inspections.Select(_ => 12.0));
        widths.Add(12);
        const int headerRow = 4;
        Header(ws, headerRow, headers, [.. widths]);
        var aggregateColumn = columns;

        // Status of each inspection under its inspector's name; only confirmed ones count in the aggregate.
        var row = headerRow + 1;
        ExcelText.Set(ws.Cell(row, 2), labels["Round.Row.Status"]);
        for (var i = 0; i < inspections.Count; i++)
        {
            ExcelText.Set(ws.Cell(row, 4 + i), labels.Status(inspections[i].Status));
        }

        ExcelText.Set(ws.Cell(row, aggregateColumn), team.Trimmed ? labels["Round.TrimmedMean"] : labels["Aggregation." + results.Round.Aggregation]);
        ws.Range(row, 1, row, columns).Style.Font.SetItalic();
        row++;

        // Which confirmed inspections the aggregate comes from (the trimmed mean drops the highest and lowest total).
        ExcelText.Set(ws.Cell(row, 2), labels["Counting.Row.Counted"]);
        for (var i = 0; i < inspections.Count; i++)
        {
            var id = inspections[i].Id;
            var mark = team.Counted.Contains(id) ? "Counting.Counted" : team.Dropped.Contains(id) ? "Counting.Dropped" : null;
            if (mark is not null)
            {
                ExcelText.Set(ws.Cell(row, 4 + i), labels[mark]);
                if (team.Dropped.Contains(id))
                {
                    ws.Cell(row, 4 + i).Style.Font.SetFontColor(XLColor.DarkRed);
                }
            }
        }

        if (team.MiddleAloneDecides)
        {
            ExcelText.Set(ws.Cell(row, aggregateColumn), labels["Counting.MiddleAlone"]);
        }

        ws.Range(row, 1, row, columns).Style.Font.SetItalic();
        row++;

        foreach (var (code, name, max) in results.Indicators)
        {
            ExcelText.Set(ws.Cell(row, 1), code);
            ExcelText.Set(ws.Cell(row, 2), name);
            ExcelText.Figure(ws.Cell(row, 3), max, FigureKind.Points);
            for (var i = 0; i < inspections.Count; i++)
            {
                var item = inspections[i].Items.FirstOrDefault(it => it.Code == code);
                var cell = ws.Cell(row, 4 + i);
                if (item is { Input.NotApplicable: true })
                {
                    ExcelText.Set(cell, labels["Input.NotApplicable"]);
                }
                else
                {
                    ExcelText.Figure(cell, item?.Points, FigureKind.Points);
                }
            }

            ExcelText.Figure(ws.Cell(row, aggregateColumn), team.IndicatorMeans.GetValueOrDefault(code), FigureKind.Points);
            row++;
        }

        foreach (var category in team.Categories)
        {
            ExcelText.Set(ws.Cell(row, 1), category.Code);
            ExcelText.Set(ws.Cell(row, 2), Category(category, labels));
            ExcelText.Figure(ws.Cell(row, 3), category.Weight, FigureKind.Points);
            for (var i = 0; i < inspections.Count; i++)
            {
                ExcelText.Figure(ws.Cell(row, 4 + i), inspections[i].Categories.FirstOrDefault(c => c.Code == category.Code).Score, FigureKind.Score);
            }

            ExcelText.Figure(ws.Cell(row, aggregateColumn), category.Score, FigureKind.Score);
            ws.Range(row, 1, row, columns).Style.Fill.SetBackgroundColor(TotalFill);
            row++;
        }

        ExcelText.Set(ws.Cell(row, 2), labels["Round.Row.Total"]);
        ExcelText.Figure(ws.Cell(row, 3), 100m, FigureKind.Points);
        for (var i = 0; i < inspections.Count; i++)
        {
            ExcelText.Figure(ws.Cell(row, 4 + i), inspections[i].Total, FigureKind.Score);
        }

        ExcelText.Figure(ws.Cell(row, aggregateColumn), team.Total, FigureKind.Score);
        ws.Range(row, 1, row, columns).Style.Font.SetBold().Fill.SetBackgroundColor(TotalFill);
        row++;
        ExcelText.Set(ws.Cell(row, 2), labels["Round.Row.Grade"]);
        for (var i = 0; i < inspections.Count; i++)
        {
            ExcelText.Set(ws.Cell(row, 4 + i), inspections[i].Grade);
        }

        ExcelText.Set(ws.Cell(row, aggregateColumn), team.Grade ?? labels["Round.NoResult"]);
        ws.Range(row, 1, row, columns).Style.Font.SetBold();
        row++;
        ExcelText.Set(ws.Cell(row, 2), labels["Round.Row.Veto"]);
        for (var i = 0; i < inspections.Count; i++)
        {
            if (inspections[i].VetoedBy is { } veto)
            {
                ExcelText.Set(ws.Cell(row, 4 + i), labels.Format("Round.VetoCell", veto, (inspections[i].TotalBeforeVeto ?? 0m).ToString("0.0", labels.Culture)));
            }
        }

        row++;
        Grid(ws, headerRow, row - 1, columns, filter: false);
        ws.Range(headerRow + 1, 3, row - 1, columns).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        row = Rulings(ws, row, data, team, labels);

        // Signature lines: the 评估表 is filed and signed like the paper form.
        row++;
        foreach (var key in new[] { "Round.SignManager", "Round.SignLead" })
        {
            ExcelText.Set(ws.Cell(row, 2), labels[key]).Style.Font.SetBold();
            ws.Range(row, 3, row, Math.Max(3, columns - 1)).Style.Border.SetBottomBorder(XLBorderStyleValues.Thin);
            ExcelText.Set(ws.Cell(row, columns), labels["Record.SignDate"]).Style.Border.SetBottomBorder(XLBorderStyleValues.Thin);
            ws.Row(row).Height = 28;
            row += 2;
        }

        ws.PageSetup.PageOrientation = XLPageOrientation.Portrait;
    }

    /// <summary>The inspectors of some of a team's inspections, in the sheet's order ("—" for none).</summary>
    private static string Inspectors(TeamResult team, IReadOnlyList<int> ids, ExportLabels labels)
    {
        var names = team.Inspections.Where(i => ids.Contains(i.Id)).Select(i => i.Inspector).ToList();
        return names.Count == 0 ? labels["Input.Empty"] : string.Join(labels["Counting.Separator"], names);
    }

    /// <summary>
    /// The team's ruled disputes (part of the record: ADR 0023): per disputed indicator, the inspector, the lead's reason
    /// and the ruling, the input and points before and after, who ruled and when (local time).
    /// </summary>
    private static int Rulings(IXLWorksheet ws, int row, RoundWorkbookData data, TeamResult team, ExportLabels labels)
    {
        var rulings = team.Inspections
            .SelectMany(i => data.Rulings.GetValueOrDefault(i.Id, []).Select(r => (i.Inspector, Ruling: r)))
            .ToList();
        if (rulings.Count == 0)
        {
            return row;
        }

        row++;
        string[] headers =
        [
            "Round.Col.Code", "Ruling.Col.ReasonAndRuling", "Ruling.Col.OriginalPoints", "Ruling.Col.RuledPoints", "Ruling.Col.OriginalInput",
            "Ruling.Col.RuledInput", "Ruling.Col.Outcome", "Ruling.Col.Inspector", "Ruling.Col.RuledBy", "Ruling.Col.RuledAt",
        ];
        ExcelText.Set(ws.Cell(row, 1), labels["Ruling.Title"]).Style.Font.SetBold();
        row++;
        var headerRow = row;
        double[] least = [7, 34, 9, 9, 12, 12, 9, 12, 12, 17];
        for (var c = 0; c < headers.Length; c++)
        {
            ExcelText.Set(ws.Cell(row, c + 1), labels[headers[c]]);
            ws.Column(c + 1).Width = Math.Max(ws.Column(c + 1).Width, least[c]);
        }

        ws.Range(row, 1, row, headers.Length).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill)
            .Alignment.SetWrapText(true).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(row).Height = 30;
        row++;
        foreach (var (inspector, r) in rulings)
        {
            ExcelText.Set(ws.Cell(row, 1), r.IndicatorCode);
            ExcelText.Set(ws.Cell(row, 2), labels.Format("Ruling.ReasonAndRuling", r.Reason, r.Ruling ?? "")).Style.Alignment.SetWrapText(true);
            Points(ws.Cell(row, 3), r.Original, labels);
            Points(ws.Cell(row, 4), r.Ruled, labels);
            ExcelText.Set(ws.Cell(row, 5), labels.Recorded(r.Original));
            ExcelText.Set(ws.Cell(row, 6), labels.Recorded(r.Ruled));
            ExcelText.Set(ws.Cell(row, 7), labels.Outcome(r.Outcome));
            ExcelText.Set(ws.Cell(row, 8), inspector);
            ExcelText.Set(ws.Cell(row, 9), r.RuledBy);
            ExcelText.DateTime(ws.Cell(row, 10), r.RuledAt is { } at ? OrganisationClock.ToLocal(at, data.Zone) : null);
            var lines = 1 + (r.Reason.Length + (r.Ruling?.Length ?? 0)) / 16;
            ws.Row(row).Height = Math.Max(30, 14 * lines + 2);
            row++;
        }

        var table = ws.Range(headerRow, 1, row - 1, headers.Length);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Top);
        return row;
    }

    private static void Points(IXLCell cell, RecordedScore? recorded, ExportLabels labels)
    {
        if (recorded is null)
        {
            ExcelText.Set(cell, labels["Ruling.NotRecorded"]);
        }
        else
        {
            ExcelText.Figure(cell, recorded.Points, FigureKind.Points);
        }
    }

    private static void Indicators(IXLWorksheet ws, RoundWorkbookData data, ExportLabels labels)
    {
        string[] headers =
        [
            labels["Round.Col.Code"], labels["Round.Col.Indicator"], labels["Round.Col.Max"], labels["Round.Col.MeanPoints"],
            labels["Round.Col.Share"], labels["Round.Col.Scored"], labels["Round.Col.NotApplicable"],
        ];
        Title(ws, headers.Length, labels.Format("Round.IndicatorsTitle", data.Results.Round.Name), labels["Round.IndicatorsNote"]);
        const int headerRow = 4;
        Header(ws, headerRow, headers, [8, 40, 8, 12, 12, 12, 12]);
        var row = headerRow + 1;
        foreach (var a in IndicatorStatistics.WeakestFirst(data.Results))
        {
            ExcelText.Set(ws.Cell(row, 1), a.Code);
            ExcelText.Set(ws.Cell(row, 2), a.Name);
            ExcelText.Figure(ws.Cell(row, 3), a.Max, FigureKind.Points);
            ExcelText.Figure(ws.Cell(row, 4), a.MeanPoints, FigureKind.Points);
            ExcelText.Figure(ws.Cell(row, 5), a.Share is { } s ? 100m * s : null, FigureKind.Percent);
            ExcelText.Figure(ws.Cell(row, 6), a.Scored, FigureKind.Count);
            ExcelText.Figure(ws.Cell(row, 7), a.NotApplicable, FigureKind.Count);
            row++;
        }

        Grid(ws, headerRow, row - 1, headers.Length, filter: true);
    }

    private static void Actions(IXLWorksheet ws, RoundWorkbookData data, ExportLabels labels)
    {
        string[] headers =
        [
            labels["Round.Col.Project"], labels["Round.Col.Team"], labels["Round.Col.Code"], labels["Round.Col.Action"], labels["Round.Col.Owner"],
            labels["Round.Col.Due"], labels["Round.Col.Status"], labels["Round.Col.Overdue"], labels["Round.Col.Raised"], labels["Round.Col.Done"], labels["Round.Col.Verified"],
        ];
        Title(ws, headers.Length, labels.Format("Round.ActionsTitle", data.Results.Round.Name),
            labels.Format("Round.ActionsCounts",
                data.Actions.Count(a => a.Status is CorrectiveActionStatus.Open or CorrectiveActionStatus.SentBack),
                data.Actions.Count(a => a.Status == CorrectiveActionStatus.Done),
                data.Actions.Count(a => a.Status == CorrectiveActionStatus.Verified),
                data.Actions.Count(a => a.Overdue)));
        const int headerRow = 4;
        Header(ws, headerRow, headers, [18, 18, 8, 40, 12, 12, 12, 8, 16, 16, 16]);
        var row = headerRow + 1;
        foreach (var a in data.Actions)
        {
            ExcelText.Set(ws.Cell(row, 1), a.Project);
            ExcelText.Set(ws.Cell(row, 2), a.Team);
            ExcelText.Set(ws.Cell(row, 3), a.IndicatorCode);
            ExcelText.Set(ws.Cell(row, 4), a.Description).Style.Alignment.SetWrapText(true);
            ExcelText.Set(ws.Cell(row, 5), a.Owner);
            ExcelText.Date(ws.Cell(row, 6), a.DueDate);
            ExcelText.Set(ws.Cell(row, 7), labels.ActionStatus(a.Status));
            ExcelText.Set(ws.Cell(row, 8), a.Overdue ? labels["Yes"] : labels["No"]);
            if (a.Overdue)
            {
                ws.Cell(row, 8).Style.Font.SetFontColor(XLColor.DarkRed).Font.SetBold();
            }

            ExcelText.DateTime(ws.Cell(row, 9), OrganisationClock.ToLocal(a.RaisedAt, data.Zone));
            ExcelText.DateTime(ws.Cell(row, 10), a.DoneAt is { } done ? OrganisationClock.ToLocal(done, data.Zone) : null);
            ExcelText.DateTime(ws.Cell(row, 11), a.VerifiedAt is { } verified ? OrganisationClock.ToLocal(verified, data.Zone) : null);
            row++;
        }

        Grid(ws, headerRow, Math.Max(headerRow, row - 1), headers.Length, filter: true);
    }
}
