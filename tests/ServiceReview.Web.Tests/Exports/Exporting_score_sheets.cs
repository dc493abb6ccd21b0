using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Exporting_score_sheets(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";
    private const string I4 = "inspector4@demo.local";

    private async Task<ScoreResult> ScoreAsync(IReadOnlyDictionary<string, IndicatorInput> inputs) =>
        await factory.WithDbAsync(async db =>
        {
            var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().OrderBy(v => v.Id).FirstAsync();
            return ScoringEngine.Score(plan, inputs);
        });

    private static IXLCell CellRightOf(IXLWorksheet ws, int column, string label, int offset) =>
        ws.CellsUsed(c => c.Address.ColumnNumber == column && c.GetString() == label).Single().CellRight(offset);

    private static IXLRow RowOfCode(IXLWorksheet ws, string code) =>
        ws.CellsUsed(c => c.Address.ColumnNumber == 1 && c.GetString() == code).Last().WorksheetRow();

    [Fact]
    public async Task The_inspection_record_sheet_holds_every_figure_the_scoring_engine_computes()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var inputs = F.Inputs.WorkedExample();
        await factory.SubmitAsync(round[F.Lead1Team, I1], inputs);
        var expected = await ScoreAsync(inputs);
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/inspections/{round[F.Lead1Team, I1]}/export"));

        var ws = workbook.Worksheet("检查记录表");
        Assert.Equal(Texts.Zh("Exports.Record.Title"), ws.Cell(1, 1).GetString());
        Assert.Equal(F.Lead1Team, CellRightOf(ws, 4, "被检查组", 2).GetString());
        foreach (var category in expected.Categories)
        {
            var row = RowOfCode(ws, category.Code);
            Assert.Equal(category.Score, (decimal)row.Cell(6).GetDouble());
        }

        foreach (var (code, points) in expected.Points)
        {
            var cell = RowOfCode(ws, code).Cell(6);
            if (points is null)
            {
                Assert.True(cell.IsEmpty());
            }
            else
            {
                Assert.Equal(XLDataType.Number, cell.DataType);
                Assert.Equal(points.Value, Math.Round((decimal)cell.GetDouble(), 4));
            }
        }

        Assert.Equal(73.1m, expected.Total);
        Assert.Equal(expected.Total, (decimal)CellRightOf(ws, 1, "总分", 3).GetDouble());
        Assert.Equal("合格", CellRightOf(ws, 6, "等级", 1).GetString());
        Assert.Equal(Texts.Zh("Exports.Input.NotApplicable"), RowOfCode(ws, "2.2").Cell(4).GetString());
        var percent = RowOfCode(ws, "1.1").Cell(4); // a percentage input is a fraction with the percentage format
        Assert.Equal((0.96, "0.0%"), (Math.Round(percent.GetDouble(), 4), percent.Style.NumberFormat.Format));
        Assert.Contains("2条记录关闭后超过48小时归档", RowOfCode(ws, "1.2").Cell(7).GetString(), StringComparison.Ordinal);
        Assert.Contains(ws.CellsUsed(), c => c.GetString() == "检查员签字");
        Assert.Contains(ws.CellsUsed(), c => c.GetString() == "被检查组负责人确认");
        Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
        Assert.Equal(1, ws.PageSetup.PagesWide);
        Assert.Empty(F.FormulasIn(await F.DownloadXlsxAsync(manager, $"/inspections/{round[F.Lead1Team, I1]}/export")));
    }

    [Fact]
    public async Task A_vetoed_inspection_shows_zero_the_total_before_the_veto_and_the_vetoing_indicator()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Vetoed());
        var inspector = await factory.SignedInAsync(I1);

        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(inspector, $"/inspections/{round[F.Lead1Team, I1]}/export"));

        var ws = workbook.Worksheets.First();
        Assert.Equal(0d, CellRightOf(ws, 1, "总分", 3).GetDouble());
        Assert.Equal("不合格", CellRightOf(ws, 6, "等级", 1).GetString());
        var veto = CellRightOf(ws, 1, "一票否决", 3).GetString();
        Assert.Contains("4.3", veto, StringComparison.Ordinal);
        Assert.Contains("68.1", veto, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overridden_measured_value_is_marked_on_the_record_sheet()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var id = round[F.Lead1Team, I1];
        await factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == id);
            inspection.SetMeasured("1.1", new Core.Inspections.MeasuredFigure(93.0m, 93, 100));
            await db.SaveChangesAsync();
            return 0;
        });
        var inputs = F.Inputs.WorkedExample();
        inputs["1.1"] = new() { Value = 96.0m, Note = "3条记录补录后完整" };
        await factory.SubmitAsync(id, inputs);
        var inspector = await factory.SignedInAsync(I1);

        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(inspector, $"/inspections/{id}/export"));

        var evidence = RowOfCode(workbook.Worksheets.First(), "1.1").Cell(7).GetString();
        Assert.Contains(Texts.Zh("Exports.Record.Overridden", "93.0"), evidence, StringComparison.Ordinal);
        Assert.Contains("3条记录补录后完整", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_sheet_is_for_its_inspector_the_lead_once_submitted_and_managers_only()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample());
        var submitted = $"/inspections/{round[F.Lead1Team, I1]}/export";
        var draft = $"/inspections/{round[F.Lead1Team, I2]}/export";
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var otherLead = await factory.SignedInAsync("lead2@demo.local");
        var otherInspector = await factory.SignedInAsync(I2);
        var admin = await factory.SignedInAsync("admin@demo.local");
        var own = await factory.SignedInAsync(I2);

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync(submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(draft)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync(submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherInspector.GetAsync(submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(draft)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(draft)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/inspections/987654/export")).StatusCode);
        var signedOut = await factory.CreateBrowser().GetAsync(submitted);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Identity/Account/Login", signedOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_round_workbook_ranks_every_team_with_the_figures_of_the_round_results()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.TrimmedMean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2, I3],
            [F.Lead2Team] = [I1, I2],
            ["政务云热线组"] = [I4],
        });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.Vetoed(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I2], F.Inputs.Perfect());
        await factory.RaiseActionAsync(round.RoundId, F.Lead1Team, "5.3", "月底任务排班", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)));
        var results = await factory.WithServiceAsync<RoundResultsService, RoundResults>(s => s.ComputeAsync(round.RoundId)!);
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/rounds/{round.RoundId}/export"));

        var summary = workbook.Worksheet("汇总");
        Assert.Equal(4, summary.SheetView.SplitRow);
        Assert.NotNull(summary.AutoFilter);
        Assert.True(summary.AutoFilter.IsEnabled);
        var header = summary.Row(4).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(["排名", "项目", "被检查组"], header.Take(3));
        Assert.Contains(Texts.Zh("Exports.Round.Col.Total"), header);
        var totalColumn = header.IndexOf("综合得分") + 1;
        foreach (var team in results.Teams)
        {
            var row = summary.CellsUsed(c => c.Address.ColumnNumber == 3 && c.GetString() == team.Team).Single().WorksheetRow();
            if (team.Total is { } total)
            {
                Assert.Equal(XLDataType.Number, row.Cell(totalColumn).DataType);
                Assert.Equal(total, (decimal)row.Cell(totalColumn).GetDouble());
                Assert.Equal(team.Rank!.Value, row.Cell(1).GetValue<int>());
            }
            else
            {
                Assert.True(row.Cell(totalColumn).IsEmpty());
            }

            for (var c = 0; c < team.Categories.Count; c++)
            {
                var cell = row.Cell(4 + c);
                Assert.Equal(team.Categories[c].Score, cell.IsEmpty() ? null : (decimal)cell.GetDouble());
            }
        }

        Assert.Equal(73.1, summary.CellsUsed(c => c.Address.ColumnNumber == 3 && c.GetString() == F.Lead1Team).Single().WorksheetRow().Cell(totalColumn).GetDouble());
        var teamSheet = workbook.Worksheet(F.Lead1Team);
        var inspectorsRow = teamSheet.Row(4).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(3 + 3 + 1, inspectorsRow.Count);
        var totalRow = teamSheet.CellsUsed(c => c.Address.ColumnNumber == 2 && c.GetString() == "总分").Single().WorksheetRow();
        Assert.Equal([100d, 73.1d, 0d, 73.1d], Enumerable.Range(4, 4).Select(c => totalRow.Cell(c).GetDouble()));
        var indicators = workbook.Worksheet("指标分析");
        var shares = indicators.Column(5).CellsUsed().Skip(1).Where(c => c.DataType == XLDataType.Number).Select(c => c.GetDouble()).ToList();
        Assert.Equal(shares.OrderBy(s => s), shares);
        // 13 of 14: only the worked example counts (the trimmed mean drops 100 and 0), and it marks 2.2 N/A, so 2.2 has no mean.
        Assert.Equal(13, shares.Count);
        var actions = workbook.Worksheet("整改");
        Assert.Contains(actions.CellsUsed(), c => c.GetString() == "月底任务排班");
        Assert.Contains(actions.CellsUsed(), c => c.GetString().Contains("超期 1 项", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lead_gets_only_their_own_team_sheet_and_an_inspector_only_after_submitting()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2],
            [F.Lead2Team] = [I1],
        });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.Perfect(), confirm: true);
        var url = $"/rounds/{round.RoundId}/export";
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var submitted = await factory.SignedInAsync(I1);
        var notYet = await factory.SignedInAsync(I2);
        var stranger = await factory.SignedInAsync(I4);

        using var leadBook = F.OpenWorkbook(await F.DownloadXlsxAsync(lead, url));
        using var inspectorBook = F.OpenWorkbook(await F.DownloadXlsxAsync(submitted, url));

        Assert.Equal([F.Lead1Team, "整改"], leadBook.Worksheets.Select(w => w.Name));
        Assert.Equal(
            new[] { F.Lead1Team, F.Lead2Team }.Order(StringComparer.Ordinal),
            inspectorBook.Worksheets.Select(w => w.Name).Where(n => n != "整改").Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await notYet.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInAsync("manager@demo.local")).GetAsync("/rounds/987654/export")).StatusCode);
    }

    [Fact]
    public async Task In_English_the_sheets_and_columns_are_English_and_the_data_stays_as_typed()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var book = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/rounds/{round.RoundId}/export?culture=en"));
        using var record = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/inspections/{round[F.Lead1Team, I1]}/export?culture=en"));

        Assert.Equal(["Summary", F.Lead1Team, "Indicators", "Corrective actions"], book.Worksheets.Select(w => w.Name));
        Assert.Equal("Rank", book.Worksheet("Summary").Cell(4, 1).GetString());
        Assert.Equal("Inspection record", record.Worksheets.First().Name);
        Assert.Contains(record.Worksheets.First().CellsUsed(), c => c.GetString() == "Inspector's signature");
        Assert.DoesNotContain(book.Worksheets.SelectMany(w => w.CellsUsed()), c => c.GetString().StartsWith("Exports.", StringComparison.Ordinal));
    }
}
