using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Exports;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>Issue #13: a ruling is part of the record in every export, and the round workbook says which inspections counted.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Rulings_and_counting_in_the_exports(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";
    private const string I4 = "inspector4@demo.local";
    private static readonly string[] FigureFormats = ["0.0", "0.0%", "0.00", "0"];

    /// <summary>
    /// Lead1's team under the trimmed mean: 100 (I1), 73.1 (I2), 0 vetoed (I3), and I4's worked example whose 5.3 the lead
    /// disputed and the manager changed from 较差 (1.8) to 良好 (4.8), 73.1 → 76.1. The trimmed mean drops I1 and I3.
    /// </summary>
    private async Task<(JourneyRound Round, int Disputed)> ArrangeAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.TrimmedMean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2, I3, I4] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.Vetoed(), confirm: true);
        var id = round[F.Lead1Team, I4];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        await factory.DisputeAndChangeAsync(id, "5.3", "延误由客户变更需求造成", "良好", "核实后改判");
        return (round, id);
    }

    private static IXLRow RulingRow(IXLWorksheet ws, string code)
    {
        var title = ws.CellsUsed(c => c.GetString() == "仲裁记录").Single();
        return ws.CellsUsed(c => c.Address.ColumnNumber == 1 && c.Address.RowNumber > title.Address.RowNumber && c.GetString() == code).Single().WorksheetRow();
    }

    private static void AssertFigure(IXLCell cell, double value, string format)
    {
        Assert.Equal(XLDataType.Number, cell.DataType);
        Assert.Equal((value, format), (Math.Round(cell.GetDouble(), 4), cell.Style.NumberFormat.Format));
    }

    /// <summary>Every number cell of the sheet carries one of the figure formats of Core/Scoring/Figure (no "0.#", "0.0#").</summary>
    private static void AssertOneFormatPerKind(IXLWorksheet ws, params int[] idColumns)
    {
        var numbers = ws.CellsUsed(c => c.DataType == XLDataType.Number && !idColumns.Contains(c.Address.ColumnNumber)).ToList();
        Assert.All(numbers, c => Assert.Contains(c.Style.NumberFormat.Format, FigureFormats));
    }

    [Fact]
    public async Task The_record_sheet_shows_the_original_and_the_ruled_input_and_points_the_reason_the_ruling_and_who_ruled()
    {
        var (_, id) = await ArrangeAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/inspections/{id}/export"));

        var ws = workbook.Worksheet("检查记录表");
        var row = RulingRow(ws, "5.3");
        Assert.Equal(Texts.Zh("Exports.Ruling.Outcome.Changed"), row.Cell(2).GetString());
        Assert.Contains("延误由客户变更需求造成", row.Cell(3).GetString(), StringComparison.Ordinal);
        Assert.Contains("核实后改判", row.Cell(3).GetString(), StringComparison.Ordinal);
        Assert.Equal(Texts.Zh("Exports.Ruling.InputChange", "较差", "良好"), row.Cell(4).GetString());
        AssertFigure(row.Cell(5), 1.8, "0.0");
        AssertFigure(row.Cell(6), 4.8, "0.0");
        Assert.StartsWith($"{await factory.NameOfAsync("manager@demo.local")} · 20", row.Cell(7).GetString(), StringComparison.Ordinal);
        AssertOneFormatPerKind(ws);
    }

    [Fact]
    public async Task The_round_workbook_team_sheet_shows_the_ruling_and_marks_the_dropped_inspections()
    {
        var (round, id) = await ArrangeAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/rounds/{round.RoundId}/export"));

        var team = workbook.Worksheet(F.Lead1Team);
        var row = RulingRow(team, "5.3");
        AssertFigure(row.Cell(3), 1.8, "0.0");
        AssertFigure(row.Cell(4), 4.8, "0.0");
        Assert.Equal(("较差", "良好", "改判"), (row.Cell(5).GetString(), row.Cell(6).GetString(), row.Cell(7).GetString()));
        Assert.Equal(await factory.NameOfAsync("manager@demo.local"), row.Cell(9).GetString());
        Assert.Equal(XLDataType.DateTime, row.Cell(10).DataType);
        var counted = team.CellsUsed(c => c.Address.ColumnNumber == 2 && c.GetString() == "是否计入").Single().WorksheetRow();
        var inspectors = team.Row(4);
        var marks = Enumerable.Range(4, 4).ToDictionary(c => inspectors.Cell(c).GetString(), c => counted.Cell(c).GetString());
        Assert.Equal(2, marks.Values.Count(m => m == "未计入"));
        Assert.Equal(2, marks.Values.Count(m => m == "计入"));
        var totals = team.CellsUsed(c => c.Address.ColumnNumber == 2 && c.GetString() == "总分").Single().WorksheetRow();
        AssertFigure(totals.Cell(8), 74.6, "0.0"); // (73.1 + 76.1) / 2: the counted ones only

        var summary = workbook.Worksheet("汇总");
        var header = summary.Row(4).CellsUsed().Select(c => c.GetString()).ToList();
        var teamRow = summary.CellsUsed(c => c.Address.ColumnNumber == 3 && c.GetString() == F.Lead1Team).Single().WorksheetRow();
        var dropped = teamRow.Cell(header.IndexOf("未计入的检查") + 1).GetString();
        var kept = teamRow.Cell(header.IndexOf("计入的检查") + 1).GetString();
        Assert.Equal(2, dropped.Split('、').Length);
        Assert.Equal(2, kept.Split('、').Length);
        Assert.Contains("去掉总分最高和最低", summary.Cell(3, 1).GetString(), StringComparison.Ordinal);
        var categorySum = Enumerable.Range(4, 5).Sum(c => (decimal)teamRow.Cell(c).GetDouble());
        Assert.InRange(categorySum, 74.6m - 0.5m, 74.6m + 0.5m);
        foreach (var ws in workbook.Worksheets)
        {
            AssertOneFormatPerKind(ws);
        }
    }

    [Fact]
    public async Task The_history_export_has_columns_for_the_ruling_and_for_whether_an_inspection_counted()
    {
        var (round, id) = await ArrangeAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var book = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, "/Exports/History/Download?from=2026-01-01&to=2026-01-01"));

        var ws = book.Worksheet("检查明细");
        int Column(string key) => Array.IndexOf(HistoryExport.ColumnKeys, key) + 1;
        Assert.Equal(Texts.Zh("Exports.History.Col.Note"), ws.Cell(1, Column("Note")).GetString()); // the old columns keep their places
        Assert.Equal(Texts.Zh("Exports.History.Col.DisputeOutcome"), ws.Cell(1, Column("DisputeOutcome")).GetString());
        var rows = ws.RowsUsed().Skip(1).Where(r => r.Cell(Column("RoundId")).GetValue<int>() == round.RoundId).ToList();
        var ruled = rows.Single(r => r.Cell(Column("InspectionId")).GetValue<int>() == id && r.Cell(Column("IndicatorCode")).GetString() == "5.3");
        Assert.Equal(Texts.Zh("Exports.Ruling.Outcome.Changed"), ruled.Cell(Column("DisputeOutcome")).GetString());
        Assert.Equal(("较差", "良好"), (ruled.Cell(Column("OriginalInput")).GetString(), ruled.Cell(Column("RuledInput")).GetString()));
        AssertFigure(ruled.Cell(Column("OriginalPoints")), 1.8, "0.0");
        AssertFigure(ruled.Cell(Column("RuledPoints")), 4.8, "0.0");
        Assert.Equal("延误由客户变更需求造成", ruled.Cell(Column("DisputeReason")).GetString());
        Assert.Equal("核实后改判", ruled.Cell(Column("Ruling")).GetString());
        Assert.Equal(await factory.NameOfAsync("manager@demo.local"), ruled.Cell(Column("RuledBy")).GetString());
        Assert.Equal(XLDataType.DateTime, ruled.Cell(Column("RuledAt")).DataType);
        var countedByInspection = rows.GroupBy(r => r.Cell(Column("InspectionId")).GetValue<int>()).ToDictionary(g => g.Key, g => g.First().Cell(Column("Counted")).GetString());
        Assert.Equal(2, countedByInspection.Values.Count(v => v == "否"));
        Assert.Equal(2, countedByInspection.Values.Count(v => v == "是"));
        Assert.Equal(Texts.Zh("Exports.Input.Pass"), countedByInspection[id]);
        AssertOneFormatPerKind(ws, Column("RoundId"), Column("PlanVersion"), Column("InspectionId")); // ids are not figures
    }

    [Fact]
    public async Task A_fresh_install_shows_a_ruled_changed_dispute_and_dropped_inspections_in_closed_rounds()
    {
        await factory.EnsureDemoDataAsync();
        var (item, inspectionId, roundStatus) = await factory.WithDbAsync(async db =>
        {
            var found = await (
                from d in db.Disputes.AsNoTracking()
                from it in d.Items
                join i in db.Inspections on d.InspectionId equals i.Id
                join r in db.Rounds on i.RoundId equals r.Id
                where d.Status == DisputeStatus.Ruled && it.Outcome == DisputeOutcome.Changed && d.RuledById != null && r.Status == RoundStatus.Closed
                select new { Item = it, i.Id, r.Status }).FirstAsync();
            return (found.Item, found.Id, found.Status);
        });
        Assert.Equal(RoundStatus.Closed, roundStatus);
        Assert.NotEqual(item.Original!.Input.Level, item.Ruled!.Input.Level);
        Assert.False(string.IsNullOrWhiteSpace(item.Reason));
        Assert.False(string.IsNullOrWhiteSpace(item.Ruling));
        var manager = await factory.SignedInAsync("manager@demo.local");
        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/inspections/{inspectionId}/export"));
        var row = RulingRow(workbook.Worksheet("检查记录表"), item.IndicatorCode);
        Assert.Equal(Texts.Zh("Exports.Ruling.Outcome.Changed"), row.Cell(2).GetString());
        Assert.StartsWith(await factory.NameOfAsync("manager@demo.local"), row.Cell(7).GetString(), StringComparison.Ordinal);

        var closedTrimmed = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Closed && r.Aggregation == AggregationMethod.TrimmedMean).Select(r => r.Id).ToListAsync());
        var dropped = 0;
        foreach (var roundId in closedTrimmed)
        {
            var results = await factory.WithServiceAsync<RoundResultsService, RoundResults>(s => s.ComputeAsync(roundId)!);
            dropped += results.Teams.Sum(t => t.Dropped.Count);
        }

        Assert.True(dropped > 0);
    }
}
