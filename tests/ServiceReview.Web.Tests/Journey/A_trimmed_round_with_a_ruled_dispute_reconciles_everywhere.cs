using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

/// <summary>
/// Issue #13, "done when": one round with the trimmed mean and a ruled dispute, read on the results pages, in the
/// results API and in both workbooks. Everywhere the team's category scores add up to the mean of the counted
/// inspections' totals before veto (within 0.1 per category, the display rounding), the same inspections count,
/// and the ruling (before → after, reason, ruling, who) is shown.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class A_trimmed_round_with_a_ruled_dispute_reconciles_everywhere(ServiceReviewWebFactory factory)
    : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";
    private const string I4 = "inspector4@demo.local";
    private const string Reason = "延误由客户变更需求造成";
    private const string Ruling = "核实后改判";

    /// <summary>
    /// Lead1's team: 100 (I1), 73.1 (I2), a vetoed 0 (68.1 before the veto, I3) and I4's 73.1, whose 5.3 the lead
    /// disputed and the manager changed from 较差 (1.8) to 良好 (4.8): 76.1. The trimmed mean drops 100 and 0.
    /// </summary>
    private async Task<(int RoundId, int TeamId, int Ruled)> ArrangeAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.TrimmedMean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2, I3, I4] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.Vetoed(), confirm: true);
        var id = round[F.Lead1Team, I4];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());

        await factory.DisputeAndChangeAsync(id, "5.3", Reason, "良好", Ruling);
        return (round.RoundId, await factory.TeamIdAsync(F.Lead1Team), id);
    }

    private static void AssertAddsUp(List<decimal> categories, decimal meanOfCountedBeforeVeto, string where)
    {
        Assert.True(categories.Count == 5, $"{where}: {categories.Count} categories");
        var gap = Math.Abs(categories.Sum() - meanOfCountedBeforeVeto);
        Assert.True(gap <= 0.1m * categories.Count, $"{where}: categories add up to {categories.Sum()}, the counted mean before veto is {meanOfCountedBeforeVeto}");
    }

    [Fact]
    public async Task Category_scores_add_up_and_the_ruling_is_shown_on_the_pages_in_the_api_and_in_both_workbooks()
    {
        var (roundId, teamId, ruledId) = await ArrangeAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        // The API: which inspections count, and the mean of their totals before veto computed from its own figures.
        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{roundId}/results"));
        var team = json.RootElement.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("teamId").GetInt32() == teamId);
        var inspections = team.GetProperty("inspections").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt32());
        var counted = team.GetProperty("counted").EnumerateArray().Select(e => e.GetInt32()).Order().ToList();
        Assert.Equal(2, counted.Count);
        Assert.Contains(ruledId, counted);
        var mean = counted.Average(id => inspections[id].GetProperty("totalBeforeVeto").GetDecimal());
        Assert.Equal(74.6m, Math.Round(mean, 1, MidpointRounding.AwayFromZero)); // (73.1 + 76.1) / 2
        Assert.Equal(74.6m, team.GetProperty("total").GetDecimal());
        AssertAddsUp(team.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("score").GetDecimal()).ToList(), mean, "API");

        var ruling = Assert.Single(inspections[ruledId].GetProperty("rulings").EnumerateArray());
        Assert.Equal(("5.3", "Changed"), (ruling.GetProperty("indicator").GetString(), ruling.GetProperty("outcome").GetString()));
        Assert.Equal(("较差", 1.8m), (ruling.GetProperty("from").GetProperty("level").GetString(), ruling.GetProperty("from").GetProperty("points").GetDecimal()));
        Assert.Equal(("良好", 4.8m), (ruling.GetProperty("to").GetProperty("level").GetString(), ruling.GetProperty("to").GetProperty("points").GetDecimal()));
        Assert.Equal((Reason, Ruling), (ruling.GetProperty("reason").GetString(), ruling.GetProperty("ruling").GetString()));
        Assert.False(string.IsNullOrEmpty(ruling.GetProperty("ruledBy").GetString()));
        Assert.Equal(JsonValueKind.String, ruling.GetProperty("ruledAt").ValueKind);

        // The ranking and the team page: the same categories, in the one score format, and the ruling.
        var ranking = await manager.GetStringAsync($"/Results/Round/{roundId}");
        var rankingRow = Html.First(ranking, $"tr[data-team='{teamId}']");
        Assert.NotNull(rankingRow);
        AssertAddsUp(CategoryScores(rankingRow), mean, "ranking");
        var page = await manager.GetStringAsync($"/Results/Team/{roundId}/{teamId}");
        AssertAddsUp(CategoryScores(Html.Parse(page)), mean, "team page");
        Assert.Equal(counted.Count, Html.All(page, "[data-counted=true]").Count);
        var row = Html.First(page, "[data-ruling='5.3']");
        Assert.True(row is not null, "The team page shows no ruling.");
        Assert.Equal(($"{ruledId}", "Changed", "1.8", "4.8"),
            (row.GetAttribute("data-inspection"), row.GetAttribute("data-outcome"), row.GetAttribute("data-points-before"), row.GetAttribute("data-points-after")));
        Assert.Contains(Reason, page, StringComparison.Ordinal);
        Assert.Contains(Ruling, page, StringComparison.Ordinal);
        Assert.All(Html.All(page, "[data-category-score], [data-team-total]").Select(e => e.TextContent.Trim()), v => Assert.Matches(OneDecimal(), v));

        // The round workbook: the summary's categories add up, the team sheet shows the ruling.
        using var round = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/rounds/{roundId}/export"));
        var summary = round.Worksheet("汇总");
        var header = summary.Row(4).CellsUsed().ToList();
        var summaryRow = summary.CellsUsed(c => c.Address.ColumnNumber == 3 && c.GetString() == F.Lead1Team).Single().WorksheetRow();
        var categoryColumns = header.Where(h => CategoryHeader().IsMatch(h.GetString())).Select(h => h.Address.ColumnNumber).ToList();
        AssertAddsUp(categoryColumns.Select(c => (decimal)summaryRow.Cell(c).GetDouble()).ToList(), mean, "round workbook summary");
        Assert.All(categoryColumns, c => Assert.Equal("0.0", summaryRow.Cell(c).Style.NumberFormat.Format));
        AssertRulingShown(round.Worksheet(F.Lead1Team), "round workbook team sheet");

        // The record sheet of the ruled inspection.
        using var record = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/inspections/{ruledId}/export"));
        AssertRulingShown(record.Worksheet("检查记录表"), "record sheet");
    }

    private static List<decimal> CategoryScores(AngleSharp.Dom.IParentNode html) =>
        [.. html.QuerySelectorAll("[data-category-score]").Select(e => e.TextContent.Trim()).Where(t => OneDecimal().IsMatch(t))
            .Select(t => decimal.Parse(t, CultureInfo.InvariantCulture))];

    /// <summary>The sheet has a rulings table whose row for 5.3 holds 1.8 and 4.8 as point cells, the reason and the ruling.</summary>
    private static void AssertRulingShown(IXLWorksheet ws, string where)
    {
        var title = ws.CellsUsed(c => c.GetString() == "仲裁记录").SingleOrDefault();
        Assert.True(title is not null, $"{where}: no rulings table");
        var row = ws.CellsUsed(c => c.Address.ColumnNumber == 1 && c.Address.RowNumber > title.Address.RowNumber && c.GetString() == "5.3").Single().WorksheetRow();
        var points = row.CellsUsed(c => c.DataType == XLDataType.Number).Select(c => (Math.Round(c.GetDouble(), 1), c.Style.NumberFormat.Format)).ToList();
        Assert.Contains((1.8, "0.0"), points);
        Assert.Contains((4.8, "0.0"), points);
        var text = string.Join(" | ", row.CellsUsed().Select(c => c.GetString()));
        Assert.Contains(Reason, text, StringComparison.Ordinal);
        Assert.Contains(Ruling, text, StringComparison.Ordinal);
    }




    [GeneratedRegex("^-?[0-9]+\\.[0-9]$")]
    private static partial Regex OneDecimal();

    [GeneratedRegex("^[0-9] ")]
    private static partial Regex CategoryHeader();
}
