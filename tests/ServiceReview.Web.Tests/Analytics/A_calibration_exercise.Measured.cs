using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary>Measured indicators in a calibration exercise: filled from the team's service records, as on the inspection form.</summary>
public sealed partial class A_calibration_exercise
{
    /// <summary>An exercise on the lead1 team for the month of the latest finished round (the demo data has records then).</summary>
    private async Task<(int Id, Dictionary<string, MeasuredFigure> Figures, PlanVersion Plan)> CreateOnRecordsAsync()
    {
        await factory.EnsureDemoDataAsync();
        var period = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Closed)
            .OrderByDescending(r => r.PeriodStart).Select(r => r.PeriodStart).FirstAsync());
        var id = await CreateAsync(countsTowardBias: false, period);
        var (createdAt, planId) = await factory.WithDbAsync(async db =>
        {
            var c = await db.CalibrationExercises.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.CreatedAt, c.PlanVersionId }).FirstAsync();
            return (c.CreatedAt, c.PlanVersionId);
        });
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var plan = (await factory.WithServiceAsync<PlanReader, PlanVersion?>(p => p.FindAsync(planId)))!;
        var byMetric = await factory.WithServiceAsync<IMeasuredFigures, IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>>(
            m => m.ComputeAsync(teamId, period, period.AddMonths(1).AddDays(-1), createdAt, default));
        var figures = plan.IndicatorsInOrder().Where(i => i.Measure is { } m && byMetric.ContainsKey(m))
            .ToDictionary(i => i.Code, i => byMetric[i.Measure!.Value], StringComparer.Ordinal);
        return (id, figures, plan);
    }

    private static string Row(string page, string code) =>
        Regex.Match(page, $"<tr data-code=\"{Regex.Escape(code)}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Value;

    [Fact]
    public async Task The_measured_indicators_are_prefilled_from_the_service_records_and_marked_as_measured()
    {
        var (id, figures, plan) = await CreateOnRecordsAsync();
        var complete = figures["1.1"];
        var late = figures["1.2"];
        Assert.NotNull(complete.Value); // the team has records in that month

        var page = await (await factory.SignedInAsync(I1)).GetStringAsync($"/Calibration/Details/{id}");

        Assert.Contains("id=\"measured-hint\"", page);
        var first = Row(page, "1.1");
        Assert.Contains(Texts.Zh("Inspections.Fill.Measured"), first);
        Assert.Contains(Texts.Zh("Inspections.Fill.MeasuredFigure"), first);
        Assert.Contains($"name=\"Items[0].Value\" value=\"{complete.Value!.Value.ToString(CultureInfo.InvariantCulture)}\"", first);
        Assert.Contains($"({complete.Numerator} / {complete.Denominator})", first);
        Assert.Contains($"name=\"Items[1].Count\" value=\"{(int)late.Value!.Value}\"", Row(page, "1.2"));
        // An indicator the inspector judges is not measured and stays empty.
        var judged = Row(page, "1.3");
        Assert.NotEmpty(judged);
        Assert.DoesNotContain(Texts.Zh("Inspections.Fill.Measured"), judged);
        Assert.DoesNotContain("selected=\"selected\"", judged);
        Assert.Equal(plan.IndicatorsInOrder().Count(i => i.Measure is not null), Regex.Count(page, "badge text-bg-info"));
    }

    [Fact]
    public async Task A_period_without_service_records_makes_the_measured_indicators_not_applicable_with_the_reason()
    {
        var id = await CreateAsync(countsTowardBias: false, new DateOnly(2023, 3, 1));

        var page = await (await factory.SignedInAsync(I1)).GetStringAsync($"/Calibration/Details/{id}");

        var row = Row(page, "1.1");
        Assert.Contains(Texts.Zh("Inspections.Fill.NoValue"), row);
        Assert.Matches("name=\"Items\\[0\\].Na\" value=\"true\" checked=\"checked\"", row);
        Assert.Contains("value=\"无服务记录\"", row);
    }

    [Fact]
    public async Task Replacing_a_measured_figure_needs_a_note_and_keeping_the_figures_does_not()
    {
        var (id, figures, plan) = await CreateOnRecordsAsync();
        var kept = F.Inputs.WorkedExample();
        foreach (var (code, figure) in figures)
        {
            // The figure as it is, with a note (a deduction needs one whatever its source).
            kept[code] = MeasuredInput.For(plan.FindIndicator(code)!, figure) is { } input ? input with { Note = input.Note ?? "系统统计" } : kept[code];
        }

        var value = figures["1.1"].Value!.Value;
        var changed = new Dictionary<string, IndicatorInput>(kept, StringComparer.Ordinal) { ["1.1"] = new() { Value = value >= 50 ? value - 1 : value + 1 } };
        var one = await factory.SignedInAsync(I1);

        var refused = await ScoreAsync(one, id, changed);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("1.1", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await AuditCountAsync(id, "CalibrationScored"));

        changed["1.1"] = changed["1.1"] with { Note = "抽查发现两条记录缺少回访结果" };
        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(one, id, changed)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(await factory.SignedInAsync(I2), id, kept)).StatusCode);
        Assert.Equal(2, await AuditCountAsync(id, "CalibrationScored"));
    }
}
