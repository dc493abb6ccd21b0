using ClosedXML.Excel;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>
/// Issue #17 item 8, "the round workbook is ready to hand to a boss", read back from the file: every sheet prints on
/// A4 landscape one page wide with its header row repeated and a print area, the header row is frozen, the tables are
/// filtered, headers never break inside a word, title rows are as tall as their text, and the teams without a
/// result come last with a note that says so.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_round_workbook_is_ready_to_print(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I4 = "inspector4@demo.local";
    private const string NoResultTeam = "政务云热线组";

    private async Task<XLWorkbook> WorkbookAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]>
        {
            [NoResultTeam] = [I4],
            [F.Lead1Team] = [I1, I2],
            [F.Lead2Team] = [I1],
        });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.RaiseActionAsync(round.RoundId, F.Lead1Team, "5.3", "月底任务排班", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)));
        var manager = await factory.SignedInAsync("manager@demo.local");
        return F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/rounds/{round.RoundId}/export"));
    }

    /// <summary>Width in Excel's unit (a digit): Chinese characters and full-width forms count two.</summary>
    private static double Width(string text) =>
        text.Sum(c => c is >= '\u2E80' and <= '\uA4CF' or >= '\uFF00' and <= '\uFF60' or >= '\uFE30' and <= '\uFE4F' ? 2 : 1);

    [Fact]
    public async Task Every_sheet_prints_on_A4_landscape_one_page_wide_with_its_header_row_repeated_and_frozen()
    {
        using var book = await WorkbookAsync();

        Assert.Equal(["汇总", F.Lead2Team, F.Lead1Team, NoResultTeam, "指标分析", "整改"], book.Worksheets.Select(w => w.Name));
        foreach (var ws in book.Worksheets)
        {
            Assert.True(XLPaperSize.A4Paper == ws.PageSetup.PaperSize, ws.Name);
            Assert.True(XLPageOrientation.Landscape == ws.PageSetup.PageOrientation, ws.Name);
            Assert.True(ws.PageSetup.PagesWide == 1 && ws.PageSetup.PagesTall == 0, $"{ws.Name}: {ws.PageSetup.PagesWide}×{ws.PageSetup.PagesTall}");
            Assert.True(ws.PageSetup.FirstRowToRepeatAtTop == 4 && ws.PageSetup.LastRowToRepeatAtTop == 4, ws.Name);
            Assert.True(ws.SheetView.SplitRow == 4, ws.Name);
            var area = Assert.Single(ws.PageSetup.PrintAreas);
            Assert.Equal((1, 1), (area.RangeAddress.FirstAddress.RowNumber, area.RangeAddress.FirstAddress.ColumnNumber));
            Assert.True(area.RangeAddress.LastAddress.RowNumber >= ws.LastRowUsed().RowNumber(), ws.Name);
            Assert.True(area.RangeAddress.LastAddress.ColumnNumber >= ws.LastColumnUsed().ColumnNumber(), ws.Name);
        }

        foreach (var name in new[] { "汇总", "指标分析", "整改" })
        {
            var ws = book.Worksheet(name);
            Assert.True(ws.AutoFilter.IsEnabled, name);
            Assert.Equal(4, ws.AutoFilter.Range.RangeAddress.FirstAddress.RowNumber);
            Assert.Equal(ws.Row(4).LastCellUsed().Address.ColumnNumber, ws.AutoFilter.Range.RangeAddress.LastAddress.ColumnNumber);
        }

        Assert.Equal(5 + 2, book.Worksheet("汇总").AutoFilter.Range.RangeAddress.LastAddress.RowNumber);
    }

    [Fact]
    public async Task Headers_never_break_inside_a_word_and_title_rows_are_as_tall_as_their_text()
    {
        using var book = await WorkbookAsync();

        foreach (var ws in book.Worksheets)
        {
            foreach (var cell in ws.Row(4).CellsUsed())
            {
                // A spreadsheet wraps a header at its spaces; each word (a Chinese term is one) must fit its column.
                var longest = cell.GetString().Split(' ').Max(Width);
                Assert.True(ws.Column(cell.Address.ColumnNumber).Width >= longest + 1,
                    $"{ws.Name} {cell.Address}: \"{cell.GetString()}\" needs {longest + 1}, column is {ws.Column(cell.Address.ColumnNumber).Width}");
                Assert.True(cell.Style.Alignment.WrapText, $"{ws.Name} {cell.Address}");
            }

            // The subtitle is merged across the table: it wraps, and its row has room for every line.
            var subtitle = ws.Cell(2, 1);
            var across = ws.MergedRanges.Single(r => r.RangeAddress.FirstAddress.RowNumber == 2).Columns().Sum(c => ws.Column(c.ColumnNumber()).Width);
            var lines = Math.Ceiling(Width(subtitle.GetString()) / (across - 2));
            Assert.True(subtitle.Style.Alignment.WrapText, ws.Name);
            Assert.True(ws.Row(2).Height >= lines * 13, $"{ws.Name}: {lines} lines in {ws.Row(2).Height} pt");
        }

        // The team sheet's subtitle carries the rank and is longer than its few columns: it takes two lines.
        Assert.True(book.Worksheet(F.Lead2Team).Row(2).Height >= 26);
    }

    [Fact]
    public async Task Teams_without_a_result_come_last_unranked_and_a_note_row_says_so()
    {
        using var book = await WorkbookAsync();

        var summary = book.Worksheet("汇总");
        var rows = Enumerable.Range(5, 3).Select(r => summary.Row(r)).ToList();
        Assert.Equal([F.Lead2Team, F.Lead1Team, NoResultTeam], rows.Select(r => r.Cell(3).GetString()));
        Assert.Equal([1, 2], rows.Take(2).Select(r => r.Cell(1).GetValue<int>()));
        Assert.True(rows[2].Cell(1).IsEmpty());
        Assert.Equal(Texts.Zh("Exports.Round.NoResultNote", 1), summary.Cell(8, 1).GetString());
        Assert.True(summary.Range(8, 1, 8, summary.Row(4).LastCellUsed().Address.ColumnNumber).IsMerged());
        Assert.Equal([F.Lead2Team, F.Lead1Team, NoResultTeam], book.Worksheets.Skip(1).Take(3).Select(w => w.Name));
    }
}
