using System.Globalization;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>The real spreadsheet program opens the exports and shows the same figures and the Chinese text.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Workbooks_in_LibreOffice(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [LibreOfficeFact]
    public async Task The_demo_data_s_finished_round_workbook_opens_with_every_team_s_total_and_grade()
    {
        await factory.EnsureDemoDataAsync();
        var roundId = await factory.WithDbAsync(db => Task.FromResult(db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderByDescending(r => r.PeriodStart).Select(r => r.Id).First()));
        var results = (await factory.WithServiceAsync<RoundResultsService, RoundResults?>(s => s.ComputeAsync(roundId)))!;
        var manager = await factory.SignedInAsync("manager@demo.local");

        var sheets = await LibreOffice.ToCsvAsync(await F.DownloadXlsxAsync(manager, $"/rounds/{roundId}/export"));

        Assert.Contains(Texts.Zh("Exports.Round.Sheet.Summary"), sheets.Keys);
        Assert.Contains(Texts.Zh("Exports.Round.Sheet.Indicators"), sheets.Keys);
        var rows = LibreOffice.Rows(sheets["汇总"]);
        var header = rows[3].ToList();
        var total = header.IndexOf("综合得分");
        var grade = header.IndexOf("等级");
        Assert.True(total > 0);
        Assert.NotEmpty(results.Teams);
        foreach (var team in results.Teams)
        {
            var row = rows.Single(r => r.Length > 2 && r[2] == team.Team);
            Assert.Equal(team.Total!.Value.ToString("0.0", CultureInfo.InvariantCulture), row[total]);
            Assert.Equal(team.Grade, row[grade]);
            Assert.Equal(team.Rank!.Value.ToString(CultureInfo.InvariantCulture), row[0]);
            Assert.Contains(team.Team, sheets.Keys);
        }
    }

    [LibreOfficeFact]
    public async Task The_inspection_record_sheet_opens_with_its_points_total_and_signature_lines()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local"] });
        await factory.SubmitAsync(round[F.Lead1Team, "inspector1@demo.local"], F.Inputs.WorkedExample());
        var manager = await factory.SignedInAsync("manager@demo.local");

        var csv = (await LibreOffice.ToCsvAsync(await F.DownloadXlsxAsync(manager, $"/inspections/{round[F.Lead1Team, "inspector1@demo.local"]}/export")))[Texts.Zh("Exports.Record.SheetName")];

        var rows = LibreOffice.Rows(csv);
        Assert.Equal(Texts.Zh("Exports.Record.Title"), rows[0][0]);
        Assert.Equal("73.1", rows.Single(r => r[0] == "总分")[3]);
        Assert.Equal("5.6", rows.Single(r => r[0] == "2.3")[5]);
        Assert.Equal("16.0", rows.Single(r => r[0] == "1")[5]);
        Assert.Contains(rows, r => r[0] == "检查员签字");
    }
}
