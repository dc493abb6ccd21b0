using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Exports;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>User text that looks like a formula is written as text: no cell of any export holds a formula.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Formula_injection(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";

    public static readonly string[] Payloads = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"];

    /// <summary>What the sheets hold: the domain trims notes, so "\t=1" is stored (and must be shown) as "=1" — still formula-like.</summary>
    private static readonly string[] Stored = [.. Payloads.Select(p => p.Trim())];

    /// <summary>A submitted, confirmed inspection whose notes are the payloads, and an action whose description is one.</summary>
    private async Task<JourneyRound> PoisonedRoundAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var inputs = F.Inputs.WorkedExample();
        string[] codes = ["1.2", "3.1", "4.2", "5.3", "2.2"];
        for (var i = 0; i < codes.Length; i++)
        {
            inputs[codes[i]] = inputs[codes[i]] with { Note = Payloads[i] };
        }

        await factory.SubmitAsync(round[F.Lead1Team, I1], inputs, confirm: true);
        await factory.RaiseActionAsync(round.RoundId, F.Lead1Team, "1.2", "=1+1", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)));
        return round;
    }

    [Fact]
    public void Text_starting_with_a_formula_character_is_recognised_and_plain_text_is_not()
    {
        Assert.All(Payloads.Append("\r=1").Append("\n=1"), p => Assert.True(ExcelText.LooksLikeFormula(p)));
        Assert.False(ExcelText.LooksLikeFormula("服务良好 =1"));
        Assert.False(ExcelText.LooksLikeFormula(""));
        Assert.False(ExcelText.LooksLikeFormula(null));
    }

    [Fact]
    public void A_cell_written_through_ExcelText_is_a_text_cell_with_a_quote_prefix_and_plain_text_gets_none()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var ws = workbook.AddWorksheet("t");

        ExcelText.Set(ws.Cell(1, 1), "=1+1");
        ExcelText.Set(ws.Cell(2, 1), "服务良好");

        Assert.False(ws.Cell(1, 1).HasFormula);
        Assert.Equal(ClosedXML.Excel.XLDataType.Text, ws.Cell(1, 1).DataType);
        Assert.Equal("=1+1", ws.Cell(1, 1).GetString());
        Assert.True(ws.Cell(1, 1).Style.IncludeQuotePrefix);
        Assert.False(ws.Cell(2, 1).Style.IncludeQuotePrefix);
    }

    [Fact]
    public async Task The_streaming_history_writer_guards_formula_like_text_and_keeps_negative_numbers_numbers()
    {
        static async IAsyncEnumerable<HistoryRow> Rows()
        {
            yield return new HistoryRow(
                1, "=1+1", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), "方案", 1, "+项目", "-2+3 组", 7, "@检查员", "已确认", null,
                73.1m, 73.1m, "合格", null, "1", "类别", 16m, "1.1", "指标", 8m, "-2.5", -2.5m, -3, -1.25m, null, false, "=HYPERLINK(\"http://x\",\"y\")");
            await Task.CompletedTask;
        }

        using var stream = new MemoryStream();
        await HistoryExport.WriteAsync(Rows(), ExportLabels.Keys(), stream);
        var bytes = stream.ToArray();

        Assert.Empty(F.FormulasIn(bytes));
        Assert.Empty(F.UnguardedFormulaTextIn(bytes));
        var texts = F.TextCellsIn(bytes);
        Assert.All(["=1+1", "+项目", "-2+3 组", "@检查员", "-2.5", "=HYPERLINK(\"http://x\",\"y\")"], p => Assert.True(texts.Single(c => c.Text == p).Guarded, p));
        Assert.False(texts.Single(c => c.Text == "指标").Guarded);
        using var opened = F.OpenWorkbook(bytes);
        var row = opened.Worksheets.First().Row(2);
        var value = row.Cell(1 + Array.IndexOf(HistoryExport.ColumnKeys, "Value"));
        Assert.Equal((ClosedXML.Excel.XLDataType.Number, -2.5), (value.DataType, value.GetDouble()));
        Assert.Equal(-1.3, row.Cell(1 + Array.IndexOf(HistoryExport.ColumnKeys, "Points")).GetDouble()); // rounded once, half away from zero
    }

    [Fact]
    public void A_negative_number_written_through_ExcelText_is_a_number_cell_without_a_guard()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var ws = workbook.AddWorksheet("t");

        ExcelText.Number(ws.Cell(1, 1), -2.5m);
        ExcelText.Number(ws.Cell(2, 1), -3);

        Assert.Equal(ClosedXML.Excel.XLDataType.Number, ws.Cell(1, 1).DataType);
        Assert.Equal(-2.5, ws.Cell(1, 1).GetDouble());
        Assert.Equal(-3, ws.Cell(2, 1).GetDouble());
        Assert.False(ws.Cell(1, 1).Style.IncludeQuotePrefix);
    }

    [Fact]
    public async Task No_cell_of_the_record_sheet_or_the_round_workbook_holds_a_formula()
    {
        var round = await PoisonedRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var record = await F.DownloadXlsxAsync(manager, $"/inspections/{round[F.Lead1Team, I1]}/export");
        var book = await F.DownloadXlsxAsync(manager, $"/rounds/{round.RoundId}/export");

        Assert.Empty(F.FormulasIn(record));
        Assert.Empty(F.FormulasIn(book));
        using var opened = F.OpenWorkbook(record);
        var texts = opened.Worksheets.First().CellsUsed().Select(c => c.GetString()).ToList();
        Assert.All(Stored, p => Assert.Contains(p, texts));
    }

    [LibreOfficeFact]
    public async Task LibreOffice_shows_the_literal_text_of_every_payload()
    {
        var round = await PoisonedRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var record = await LibreOffice.ToCsvAsync(await F.DownloadXlsxAsync(manager, $"/inspections/{round[F.Lead1Team, I1]}/export"));
        var book = await LibreOffice.ToCsvAsync(await F.DownloadXlsxAsync(manager, $"/rounds/{round.RoundId}/export"));

        var fields = LibreOffice.Rows(record[Texts.Zh("Exports.Record.SheetName")]).SelectMany(r => r).ToList();
        Assert.All(Stored, p => Assert.Contains(p, fields));
        Assert.DoesNotContain("y", fields); // what =HYPERLINK("http://x","y") would show as a formula
        var actions = LibreOffice.Rows(book["整改"]).SelectMany(r => r).ToList();
        Assert.Contains("=1+1", actions);
    }

    [LibreOfficeFact]
    public async Task Text_written_through_ExcelText_reaches_LibreOffice_literally_even_with_a_leading_tab_or_line_break()
    {
        string[] raw = [.. Payloads, "\r=1", "\n=1"];
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var ws = workbook.AddWorksheet("t");
        for (var i = 0; i < raw.Length; i++)
        {
            ExcelText.Set(ws.Cell(i + 1, 1), raw[i]);
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        Assert.Empty(F.FormulasIn(stream.ToArray()));
        var csv = (await LibreOffice.ToCsvAsync(stream.ToArray())).Values.Single();
        var fields = LibreOffice.Rows(csv.Replace("\r\n", "\n", StringComparison.Ordinal)).Select(r => r[0]).ToList();
        Assert.Equal(Payloads, fields.Take(Payloads.Length));
        // XML turns a carriage return into a line feed; either way the cell stays text.
        Assert.Equal(["\n=1", "\n=1"], fields.Skip(Payloads.Length));
    }
}
