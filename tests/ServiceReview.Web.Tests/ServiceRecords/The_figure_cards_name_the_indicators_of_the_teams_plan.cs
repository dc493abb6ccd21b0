using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.ServiceRecords;

/// <summary>Plans are edited and versioned: a figure card names the indicator it fills in the plan of the team's latest round.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_figure_cards_name_the_indicators_of_the_teams_plan(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_plan_with_codes_of_its_own_names_its_indicators_and_a_metric_it_no_longer_measures_shows_no_code()
    {
        await factory.EnsureDemoDataAsync();
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var teamName = await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).SingleAsync());
        var versionId = await factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Versions).ThenInclude(v => v.Categories).ThenInclude(c => c.Indicators)
                .AsSplitQuery().OrderBy(p => p.Id).FirstAsync();
            var copy = plan.AddDraftCopyOf(plan.Versions.Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Number).First());
            var complete = copy.IndicatorsInOrder().Single(i => i.Measure == MeasuredMetric.Complete);
            copy.ReplaceIndicator(complete.Code, Indicator.Banded("X-Complete", complete.Name, complete.Max, complete.Direction!.Value, complete.Bands,
                complete.Standard, complete.Unit, complete.MinValue, complete.MaxValue, complete.NaAllowed, complete.Critical, MeasuredMetric.Complete));
            var late = copy.IndicatorsInOrder().Single(i => i.Measure == MeasuredMetric.LateArchives);
            copy.ReplaceIndicator(late.Code, Indicator.Deduction(late.Code, late.Name, late.Max, late.PerOccurrence!.Value, late.Standard, late.NaAllowed, late.Critical));
            copy.Publish(DateTime.UtcNow);
            await db.SaveChangesAsync();
            return copy.Id;
        });
        var expected = (await factory.LoadPlanVersionAsync(versionId)).IndicatorsInOrder().Where(i => i.Measure is not null).Select(i => i.Code).Order(StringComparer.Ordinal);
        await factory.CreateRoundOnPlanAsync(versionId, new DateOnly(2099, 1, 1), new Dictionary<string, string[]> { [teamName] = ["inspector2@demo.local"] });
        var client = await factory.SignedInAsync("manager@demo.local");

        var html = await client.GetStringAsync($"/ServiceRecords/Team/{teamId}");

        var shown = System.Text.RegularExpressions.Regex.Matches(html, "data-indicator-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(expected, shown.Order(StringComparer.Ordinal));
        Assert.Contains("X-Complete", shown);
    }
}
