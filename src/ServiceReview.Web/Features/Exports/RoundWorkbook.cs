using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews.Disputes;
using H = DocumentFormat.OpenXml.Spreadsheet.HorizontalAlignmentValues;
using V = DocumentFormat.OpenXml.Spreadsheet.VerticalAlignmentValues;

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
/// (stored scores; nothing is rescored here). Numbers are number cells with formats. Written row by row with
/// <see cref="StreamingWorkbook"/> straight to the response (issue #15; ADR 0029), ready to print (issue #17): A4
/// landscape, one page wide, the header row repeated on every page and frozen on screen, print areas, filters on the
/// tables, columns as wide as their header's longest word, title and note rows as tall as their text. Teams without
/// a result come last, unranked, and a note row under the summary says so.
/// </summary>
public static class RoundWorkbook
{
    private const string HeaderFill = "DDE6F1";
    private const string TotalFill = "F2F2F2";
    private const int HeaderRow = 4;
    private const double LineHeight = 14;

    private static readonly CellStyle Plain = CellStyle.Default;
    private static readonly CellStyle Grid = new() { Border = CellBorder.All };
    private static readonly CellStyle Centred = Grid with { Horizontal = H.Center };
    private static readonly CellStyle HeaderCell = new()
    {
        Bold = true, Fill = HeaderFill, Border = CellBorder.All, Wrap = true,
        Horizontal = H.Center, Vertical = V.Center,
    };

    public static void Write(RoundWorkbookData data, ExportLabels labels, Stream output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        using var book = new StreamingWorkbook(output);
        var w = new SheetWriter(book, labels);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (data.Full)
        {
            Summary(w, ExcelText.SheetName(labels["Round.Sheet.Summary"], names), data);
        }

        // Teams in the summary's order: ranked first, then the teams without a result.
        foreach (var team in data.Results.Teams.Where(t => data.VisibleTeamIds.Contains(t.TeamId)))
        {
            TeamSheet(w, ExcelText.SheetName(team.Team, names), data, team);
        }

        if (data.Full)
        {
            Indicators(w, ExcelText.SheetName(labels["Round.Sheet.Indicators"], names), data);
        }

        Actions(w, ExcelText.SheetName(labels["Round.Sheet.Actions"], names), data);
        book.Finish();
    }

    /// <summary>The writer and the words, with the cell helpers every sheet uses.</summary>
    private sealed class SheetWriter(StreamingWorkbook book, ExportLabels labels)
    {
        public StreamingWorkbook Book { get; } = book;
        public ExportLabels L { get; } = labels;

        public XlCell T(string? text, CellStyle style) => XlCell.Of(text, Book.Style(style));

        public XlCell F(decimal? value, FigureKind kind, CellStyle style) =>
            value is { } v
                ? XlCell.Of(kind == FigureKind.Percent ? Figure.Round(v, kind) / 100m : Figure.Round(v, kind), Book.Style(style with { NumberFormat = Figure.ExcelFormat(kind) }))
                : XlCell.Empty(Book.Style(style));

        public XlCell F(int? value, FigureKind kind, CellStyle style) => F((decimal?)value, kind, style);

        public XlCell Date(DateOnly? date, CellStyle style) =>
            date is { } d ? XlCell.Of(d.ToDateTime(TimeOnly.MinValue), Book.Style(style with { NumberFormat = "yyyy-mm-dd" })) : XlCell.Empty(Book.Style(style));

        public XlCell DateTime(System.DateTime? local, CellStyle style) =>
            local is { } d ? XlCell.Of(d, Book.Style(style with { NumberFormat = "yyyy-mm-dd hh:mm" })) : XlCell.Empty(Book.Style(style));

        /// <summary>A row of <paramref name="columns"/> cells of one style, to fill in.</summary>
        public XlCell[] Row(int columns, CellStyle style)
        {
            var id = Book.Style(style);
            var row = new XlCell[columns];
            Array.Fill(row, XlCell.Empty(id));
            return row;
        }

        /// <summary>Starts a sheet: columns sized for their headers, rows 1–3 the title block, row 4 the frozen, repeated header.</summary>
        public void Start(string name, IReadOnlyList<double> widths) =>
            Book.StartSheet(name, new SheetLayout(widths) { FrozenRows = HeaderRow, RepeatRow = HeaderRow, Landscape = true });

        /// <summary>Title (row 1), subtitle (row 2) and an optional note (row 3), each merged across the table and as tall as its text.</summary>
        public void TitleBlock(IReadOnlyList<double> widths, string title, string subtitle, string? note)
        {
            var columns = widths.Count;
            var across = widths.Sum();
            var row = Row(columns, Plain);
            row[0] = T(title, new CellStyle { Bold = true, FontSize = 14, Vertical = V.Center });
            Book.AddRow(row, 22);
            Book.Merge(1, 1, 1, columns);
            row = Row(columns, Plain);
            row[0] = T(subtitle, new CellStyle { FontColor = "595959", Wrap = true, Vertical = V.Top });
            Book.AddRow(row, Height(subtitle, across));
            Book.Merge(2, 1, 2, columns);
            row = Row(columns, Plain);
            if (!string.IsNullOrEmpty(note))
            {
                row[0] = T(note, new CellStyle { Italic = true, Wrap = true, Vertical = V.Top });
                Book.AddRow(row, Height(note, across));
                Book.Merge(3, 1, 3, columns);
            }
            else
            {
                Book.AddRow(row);
            }
        }

        public void Headers(IReadOnlyList<string> headers, IReadOnlyList<double> widths)
        {
            var row = new XlCell[headers.Count];
            var lines = 1;
            for (var c = 0; c < headers.Count; c++)
            {
                row[c] = T(headers[c], HeaderCell);
                lines = Math.Max(lines, TextWidth.Lines(headers[c], widths[c]));
            }

            Book.AddRow(row, Math.Max(24, lines * LineHeight + 6));
        }

        /// <summary>A full-width note row (merged, wrapped, as tall as its text).</summary>
        public void Note(string text, double[] widths)
        {
            var row = Row(widths.Length, Plain);
            row[0] = T(text, new CellStyle { Italic = true, Wrap = true, Vertical = V.Top });
            var number = Book.NextRow;
            Book.AddRow(row, Height(text, widths.Sum()));
            Book.Merge(number, 1, number, widths.Length);
        }

        private static double Height(string text, double width) => Math.Max(18, TextWidth.Lines(text, width) * LineHeight + 4);
    }

    /// <summary>Each column as wide as its least width and its header's longest word (short headers on one line).</summary>
    private static double[] Widths(IReadOnlyList<string> headers, List<double> least) =>
        [.. headers.Select((h, c) => TextWidth.ForHeader(h, c < least.Count ? least[c] : least[^1]))];

    private static string Subtitle(RoundWorkbookData data, ExportLabels labels) =>
        labels.Format("Round.Subtitle",
            data.Results.Round.PeriodStart.ToString("yyyy-MM-dd", labels.Culture),
            data.Results.Round.PeriodEnd.ToString("yyyy-MM-dd", labels.Culture),
            data.PlanName, data.PlanNumber,
            labels["Aggregation." + data.Results.Round.Aggregation]);

    private static string Category(CategoryResult c, ExportLabels labels) =>
        labels.Format("Round.CategoryColumn", c.Code, c.Name, c.Weight.ToString("0.##", labels.Culture));

    private static void Summary(SheetWriter w, string name, RoundWorkbookData data)
    {
        var labels = w.L;
        var results = data.Results;
        var categories = results.Teams.Count > 0 ? results.Teams[0].Categories : [];
        var headers = new List<string> { labels["Round.Col.Rank"], labels["Round.Col.Project"], labels["Round.Col.Team"] };
        headers.AddRange(categories.Select(c => Category(c, labels)));
        headers.AddRange([labels["Round.Col.Total"], labels["Round.Col.Grade"], labels["Round.Col.Confirmed"], labels["Round.Col.Assigned"], labels["Round.Col.Trimmed"], labels["Round.Col.Disputes"],
            labels["Counting.Col.Counted"], labels["Counting.Col.Dropped"]]);

        // Project and team names are data: their columns grow with the longest name (up to a limit).
        var least = new List<double>
        {
            6,
            Math.Clamp(results.Teams.Select(t => TextWidth.Of(t.Project)).DefaultIfEmpty(0).Max() + 2, 14, 30),
            Math.Clamp(results.Teams.Select(t => TextWidth.Of(t.Team)).DefaultIfEmpty(0).Max() + 2, 14, 30),
        };
        least.AddRange(categories.Select(_ => 10.0));
        least.AddRange([9, 8, 8, 8, 8, 8, 20, 20]);
        var widths = Widths(headers, least);
        var middle = results.Teams.Where(t => t.MiddleAloneDecides).Select(t => t.Team).ToList();
        var rule = labels["Counting.Rule." + results.Round.Aggregation]
            + (middle.Count > 0 ? " " + labels.Format("Counting.MiddleAloneDecides", string.Join(labels["Counting.Separator"], middle)) : "");
        w.Start(name, widths);
        w.TitleBlock(widths, labels.Format("Round.Title", results.Round.Name), Subtitle(data, labels), rule);
        w.Headers(headers, widths);

        var bold = Centred with { Bold = true };
        foreach (var team in results.Teams)
        {
            var row = w.Row(headers.Count, Grid);
            var c = 0;
            row[c++] = w.F(team.Rank, FigureKind.Count, Centred);
            row[c++] = w.T(team.Project, Grid);
            row[c++] = w.T(team.Team, Grid);
            foreach (var category in team.Categories)
            {
                row[c++] = w.F(category.Score, FigureKind.Score, Centred);
            }

            row[c++] = w.F(team.Total, FigureKind.Score, bold);
            row[c++] = w.T(team.Grade ?? labels["Round.NoResult"], Centred);
            row[c++] = w.F(team.ConfirmedCount, FigureKind.Count, Centred);
            row[c++] = w.F(team.AssignedCount, FigureKind.Count, Centred);
            row[c++] = w.T(team.Trimmed ? labels["Yes"] : labels["No"], Centred);
            row[c++] = w.F(data.DisputesByTeam.GetValueOrDefault(team.TeamId), FigureKind.Count, Centred);
            row[c++] = w.T(Inspectors(team, team.Counted, labels), Grid);
            row[c] = w.T(Inspectors(team, team.Dropped, labels), Grid);
            w.Book.AddRow(row);
        }

        var last = w.Book.NextRow - 1;
        w.Book.AutoFilter(HeaderRow, 1, last, headers.Count);
        var without = results.Teams.Count(t => t.Total is null);
        if (without > 0)
        {
            w.Note(labels.Format("Round.NoResultNote", without), widths);
        }
    }

    private static void TeamSheet(SheetWriter w, string name, RoundWorkbookData data, TeamResult team)
    {
        var labels = w.L;
        var results = data.Results;
        var inspections = team.Inspections;
        var headers = new List<string> { labels["Round.Col.Code"], labels["Round.Col.Indicator"], labels["Round.Col.Max"] };
        headers.AddRange(inspections.Select(i => i.Inspector));
        headers.Add(labels["Round.Col.Aggregate"]);
        var columns = headers.Count;
        var least = new List<double> { 7, 34, 7 };
        least.AddRange(inspections.Select(_ => 11.0));
        least.Add(11);
        var widths = Widths(headers, least).ToList();
        var rulings = team.Inspections
            .SelectMany(i => data.Rulings.GetValueOrDefault(i.Id, []).Select(r => (i.Inspector, Ruling: r)))
            .ToList();
        if (rulings.Count > 0)
        {
            // The rulings table under the sheet has ten columns: widen (or add) the columns it needs.
            for (var c = 0; c < RulingLeast.Length; c++)
            {
                if (c < widths.Count)
                {
                    widths[c] = Math.Max(widths[c], RulingLeast[c]);
                }
                else
                {
                    widths.Add(RulingLeast[c]);
                }
            }
        }

        var rank = team.Rank is { } r && data.Full ? labels.Format("Round.TeamRank", r, results.Teams.Count) : "";
        w.Start(name, widths);
        w.TitleBlock(widths.Take(columns).ToList(), labels.Format("Round.TeamTitle", team.Project, team.Team),
            Subtitle(data, labels) + (rank.Length > 0 ? "  " + rank : ""), null);
        w.Headers(headers, widths);
        var aggregate = columns - 1;
        var centred = Centred;
        var italic = Centred with { Italic = true };

        // Status of each inspection under its inspector's name; only confirmed ones count in the aggregate.
        var row = w.Row(columns, italic);
        row[1] = w.T(labels["Round.Row.Status"], Grid with { Italic = true });
        for (var i = 0; i < inspections.Count; i++)
        {
            row[3 + i] = w.T(labels.Status(inspections[i].Status), italic);
        }

        row[aggregate] = w.T(team.Trimmed ? labels["Round.TrimmedMean"] : labels["Aggregation." + results.Round.Aggregation], italic);
        w.Book.AddRow(row);

        // Which confirmed inspections the aggregate comes from (the trimmed mean drops the highest and lowest total).
        row = w.Row(columns, italic);
        row[1] = w.T(labels["Counting.Row.Counted"], Grid with { Italic = true });
        for (var i = 0; i < inspections.Count; i++)
        {
            var id = inspections[i].Id;
            if (team.Counted.Contains(id))
            {
                row[3 + i] = w.T(labels["Counting.Counted"], italic);
            }
            else if (team.Dropped.Contains(id))
            {
                row[3 + i] = w.T(labels["Counting.Dropped"], italic with { FontColor = "8B0000" });
            }
        }

        if (team.MiddleAloneDecides)
        {
            row[aggregate] = w.T(labels["Counting.MiddleAlone"], italic);
        }

        w.Book.AddRow(row);

        foreach (var (code, indicator, max) in results.Indicators)
        {
            row = w.Row(columns, centred);
            row[0] = w.T(code, Grid);
            row[1] = w.T(indicator, Grid);
            row[2] = w.F(max, FigureKind.Points, centred);
            for (var i = 0; i < inspections.Count; i++)
            {
                var item = inspections[i].Items.FirstOrDefault(it => it.Code == code);
                row[3 + i] = item is { Input.NotApplicable: true }
                    ? w.T(labels["Input.NotApplicable"], centred)
                    : w.F(item?.Points, FigureKind.Points, centred);
            }

            row[aggregate] = w.F(team.IndicatorMeans.GetValueOrDefault(code), FigureKind.Points, centred);
            w.Book.AddRow(row);
        }

        var shaded = Grid with { Fill = TotalFill };
        var shadedCentred = centred with { Fill = TotalFill };
        foreach (var category in team.Categories)
        {
            row = w.Row(columns, shadedCentred);
            row[0] = w.T(category.Code, shaded);
            row[1] = w.T(Category(category, labels), shaded);
            row[2] = w.F(category.Weight, FigureKind.Points, shadedCentred);
            for (var i = 0; i < inspections.Count; i++)
            {
                row[3 + i] = w.F(inspections[i].Categories.FirstOrDefault(c => c.Code == category.Code).Score, FigureKind.Score, shadedCentred);
            }

            row[aggregate] = w.F(category.Score, FigureKind.Score, shadedCentred);
            w.Book.AddRow(row);
        }

        var boldShaded = shadedCentred with { Bold = true };
        row = w.Row(columns, boldShaded);
        row[0] = w.T(null, shaded with { Bold = true });
        row[1] = w.T(labels["Round.Row.Total"], shaded with { Bold = true });
        row[2] = w.F(100m, FigureKind.Points, boldShaded);
        for (var i = 0; i < inspections.Count; i++)
        {
            row[3 + i] = w.F(inspections[i].Total, FigureKind.Score, boldShaded);
        }

        row[aggregate] = w.F(team.Total, FigureKind.Score, boldShaded);
        w.Book.AddRow(row);

        var bold = centred with { Bold = true };
        row = w.Row(columns, bold);
        row[1] = w.T(labels["Round.Row.Grade"], Grid with { Bold = true });
        for (var i = 0; i < inspections.Count; i++)
        {
            row[3 + i] = w.T(inspections[i].Grade, bold);
        }

        row[aggregate] = w.T(team.Grade ?? labels["Round.NoResult"], bold);
        w.Book.AddRow(row);

        row = w.Row(columns, centred);
        row[1] = w.T(labels["Round.Row.Veto"], Grid);
        for (var i = 0; i < inspections.Count; i++)
        {
            if (inspections[i].VetoedBy is { } veto)
            {
                row[3 + i] = w.T(labels.Format("Round.VetoCell", veto, (inspections[i].TotalBeforeVeto ?? 0m).ToString("0.0", labels.Culture)), centred);
            }
        }

        w.Book.AddRow(row);
        Rulings(w, rulings, data);

        // Signature lines: the 评估表 is filed and signed like the paper form.
        w.Book.AddRow([]);
        var line = new CellStyle { Border = CellBorder.Bottom };
        foreach (var key in new[] { "Round.SignManager", "Round.SignLead" })
        {
            row = new XlCell[columns];
            row[1] = w.T(labels[key], Plain with { Bold = true, Vertical = V.Bottom });
            for (var c = 2; c < Math.Max(3, columns - 1); c++)
            {
                row[c] = XlCell.Empty(w.Book.Style(line));
            }

            row[columns - 1] = w.T(labels["Record.SignDate"], line with { Vertical = V.Bottom });
            w.Book.AddRow(row, 28);
            w.Book.AddRow([]);
        }
    }

    private static readonly double[] RulingLeast = [7, 34, 9, 9, 12, 12, 9, 12, 12, 17];

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
    private static void Rulings(SheetWriter w, List<(string Inspector, RulingFact Ruling)> rulings, RoundWorkbookData data)
    {
        if (rulings.Count == 0)
        {
            return;
        }

        var labels = w.L;
        w.Book.AddRow([]);
        string[] keys =
        [
            "Round.Col.Code", "Ruling.Col.ReasonAndRuling", "Ruling.Col.OriginalPoints", "Ruling.Col.RuledPoints", "Ruling.Col.OriginalInput",
            "Ruling.Col.RuledInput", "Ruling.Col.Outcome", "Ruling.Col.Inspector", "Ruling.Col.RuledBy", "Ruling.Col.RuledAt",
        ];
        w.Book.AddRow([w.T(labels["Ruling.Title"], Plain with { Bold = true })]);
        var header = keys.Select(k => w.T(labels[k], HeaderCell)).ToArray();
        var lines = keys.Max(k => TextWidth.Lines(labels[k], RulingLeast[Array.IndexOf(keys, k)]));
        w.Book.AddRow(header, Math.Max(30, lines * LineHeight + 6));
        var top = Grid with { Vertical = V.Top };
        var wrapped = top with { Wrap = true };
        foreach (var (inspector, r) in rulings)
        {
            var text = labels.Format("Ruling.ReasonAndRuling", r.Reason, r.Ruling ?? "");
            w.Book.AddRow(
            [
                w.T(r.IndicatorCode, top),
                w.T(text, wrapped),
                Points(w, r.Original, top),
                Points(w, r.Ruled, top),
                w.T(labels.Recorded(r.Original), top),
                w.T(labels.Recorded(r.Ruled), top),
                w.T(labels.Outcome(r.Outcome), top),
                w.T(inspector, top),
                w.T(r.RuledBy, top),
                w.DateTime(r.RuledAt is { } at ? OrganisationClock.ToLocal(at, data.Zone) : null, top),
            ], Math.Max(30, TextWidth.Lines(text, RulingLeast[1]) * LineHeight + 4));
        }
    }

    private static XlCell Points(SheetWriter w, RecordedScore? recorded, CellStyle style) =>
        recorded is null ? w.T(w.L["Ruling.NotRecorded"], style) : w.F(recorded.Points, FigureKind.Points, style);

    private static void Indicators(SheetWriter w, string name, RoundWorkbookData data)
    {
        var labels = w.L;
        string[] headers =
        [
            labels["Round.Col.Code"], labels["Round.Col.Indicator"], labels["Round.Col.Max"], labels["Round.Col.MeanPoints"],
            labels["Round.Col.Share"], labels["Round.Col.Scored"], labels["Round.Col.NotApplicable"],
        ];
        var widths = Widths(headers, [8, 40, 8, 10, 10, 10, 10]);
        w.Start(name, widths);
        w.TitleBlock(widths, labels.Format("Round.IndicatorsTitle", data.Results.Round.Name), labels["Round.IndicatorsNote"], null);
        w.Headers(headers, widths);
        foreach (var a in IndicatorStatistics.WeakestFirst(data.Results))
        {
            w.Book.AddRow(
            [
                w.T(a.Code, Grid),
                w.T(a.Name, Grid),
                w.F(a.Max, FigureKind.Points, Centred),
                w.F(a.MeanPoints, FigureKind.Points, Centred),
                w.F(a.Share is { } s ? 100m * s : null, FigureKind.Percent, Centred),
                w.F(a.Scored, FigureKind.Count, Centred),
                w.F(a.NotApplicable, FigureKind.Count, Centred),
            ]);
        }

        w.Book.AutoFilter(HeaderRow, 1, w.Book.NextRow - 1, headers.Length);
    }

    private static void Actions(SheetWriter w, string name, RoundWorkbookData data)
    {
        var labels = w.L;
        string[] headers =
        [
            labels["Round.Col.Project"], labels["Round.Col.Team"], labels["Round.Col.Code"], labels["Round.Col.Action"], labels["Round.Col.Owner"],
            labels["Round.Col.Due"], labels["Round.Col.Status"], labels["Round.Col.Overdue"], labels["Round.Col.Raised"], labels["Round.Col.Done"], labels["Round.Col.Verified"],
        ];
        var widths = Widths(headers, [16, 16, 7, 40, 10, 11, 10, 7, 16, 16, 16]);
        w.Start(name, widths);
        w.TitleBlock(widths, labels.Format("Round.ActionsTitle", data.Results.Round.Name),
            labels.Format("Round.ActionsCounts",
                data.Actions.Count(a => a.Status is CorrectiveActionStatus.Open or CorrectiveActionStatus.SentBack),
                data.Actions.Count(a => a.Status == CorrectiveActionStatus.Done),
                data.Actions.Count(a => a.Status == CorrectiveActionStatus.Verified),
                data.Actions.Count(a => a.Overdue)), null);
        w.Headers(headers, widths);
        var top = Grid with { Vertical = V.Top };
        foreach (var a in data.Actions)
        {
            w.Book.AddRow(
            [
                w.T(a.Project, top),
                w.T(a.Team, top),
                w.T(a.IndicatorCode, top),
                w.T(a.Description, top with { Wrap = true }),
                w.T(a.Owner, top),
                w.Date(a.DueDate, top),
                w.T(labels.ActionStatus(a.Status), top),
                w.T(a.Overdue ? labels["Yes"] : labels["No"], a.Overdue ? top with { FontColor = "8B0000", Bold = true } : top),
                w.DateTime(OrganisationClock.ToLocal(a.RaisedAt, data.Zone), top),
                w.DateTime(a.DoneAt is { } done ? OrganisationClock.ToLocal(done, data.Zone) : null, top),
                w.DateTime(a.VerifiedAt is { } verified ? OrganisationClock.ToLocal(verified, data.Zone) : null, top),
            ], Math.Max(18, TextWidth.Lines(a.Description, widths[3]) * LineHeight + 4));
        }

        w.Book.AutoFilter(HeaderRow, 1, w.Book.NextRow - 1, headers.Length);
    }
}
