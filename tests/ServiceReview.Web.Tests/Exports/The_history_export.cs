using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_history_export(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Holds_one_row_per_indicator_of_every_scored_inspection_in_the_range_with_its_stored_points()
    {
        await factory.EnsureDemoDataAsync();
        var expected = await factory.WithDbAsync(db => db.Inspections.AsNoTracking().Include(i => i.Entries)
            .Where(i => i.Status == InspectionStatus.Confirmed || i.Status == InspectionStatus.Submitted || i.Status == InspectionStatus.Disputed)
            .Where(i => db.Rounds.Any(r => r.Id == i.RoundId && r.PeriodStart >= new DateOnly(2026, 3, 1) && r.PeriodStart <= new DateOnly(2026, 12, 31)))
            .ToListAsync());
        var manager = await factory.SignedInAsync("manager@demo.local");

        var page = await manager.GetStringAsync("/Exports/History?from=2026-03-01&to=2026-12-31");
        using var book = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, "/Exports/History/Download?from=2026-03-01&to=2026-12-31"));

        Assert.Contains($"{expected.Count} 份检查记录", page, StringComparison.Ordinal);
        var ws = book.Worksheet("检查明细");
        Assert.Equal(Texts.Zh("Exports.History.Col.RoundId"), ws.Cell(1, 1).GetString());
        var header = ws.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var idColumn = header.IndexOf("检查记录编号") + 1;
        var codeColumn = header.IndexOf("指标编号") + 1;
        var pointsColumn = header.IndexOf("得分") + 1;
        var rows = ws.RowsUsed().Skip(1).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count * 14, rows.Count);
        var sample = expected.OrderBy(i => i.Id).Last();
        foreach (var entry in sample.Entries)
        {
            var row = rows.Single(r => r.Cell(idColumn).GetValue<int>() == sample.Id && r.Cell(codeColumn).GetString() == entry.IndicatorCode);
            if (entry.Points is { } points)
            {
                Assert.Equal(XLDataType.Number, row.Cell(pointsColumn).DataType);
                Assert.Equal(points, Math.Round((decimal)row.Cell(pointsColumn).GetDouble(), 4));
            }
        }
    }

    [Fact]
    public async Task Writes_a_formula_looking_note_as_text()
    {
        var round = await factory.CreateRoundOnPlanAsync(
            await factory.WithDbAsync(db => db.PlanVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync()),
            new DateOnly(2032, 5, 1), new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local"] });
        var inputs = F.Inputs.WorkedExample();
        inputs["1.2"] = inputs["1.2"] with { Note = "=HYPERLINK(\"http://x\",\"y\")" };
        await factory.SubmitAsync(round[F.Lead1Team, "inspector1@demo.local"], inputs);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var bytes = await F.DownloadXlsxAsync(manager, "/Exports/History/Download?from=2032-05-01&to=2032-05-31");

        Assert.Empty(F.FormulasIn(bytes));
        using var book = F.OpenWorkbook(bytes);
        Assert.Contains(book.Worksheets.First().CellsUsed(), c => c.GetString() == "=HYPERLINK(\"http://x\",\"y\")");
        Assert.Equal(1 + 14, book.Worksheets.First().RowsUsed().Count());
    }

    [Fact]
    public async Task Is_for_managers_and_administrators_only()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Exports/History")).StatusCode);
        foreach (var email in new[] { "lead1@demo.local", "inspector1@demo.local" })
        {
            var client = await factory.SignedInAsync(email);
            foreach (var path in new[] { "/Exports/History", "/Exports/History/Download" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }
    }
}
