using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Home;

/// <summary>
/// Issue #17: the lead's home page tells its inspections to confirm apart — each names its inspector, when it was
/// submitted (on the organisation's clock) and its total and grade — instead of repeating the team and round.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_leads_items_to_confirm(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Lead1 = "lead1@demo.local";
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private sealed record Expected(int Id, string Inspector, string Local, string Shown, decimal Total, string Grade);

    /// <summary>Submits as <see cref="F.SubmitAsync"/> does, at a chosen moment; returns what the home page should show.</summary>
    private Task<Expected> SubmitAtAsync(int inspectionId, IReadOnlyDictionary<string, IndicatorInput> inputs, DateTime at) =>
        factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == inspectionId);
            var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().FirstAsync(v => v.Id == inspection.PlanVersionId);
            var round = await db.Rounds.FirstAsync(r => r.Id == inspection.RoundId);
            inspection.SaveDraft(inputs, 600, at);
            inspection.Submit(plan, round, at);
            await db.SaveChangesAsync();
            var inspector = await db.People.Where(p => p.Id == inspection.InspectorId).Select(p => p.DisplayName).FirstAsync();
            var local = await factory.WithServiceAsync<OrganisationClock, DateTime>(c => Task.FromResult(c.ToLocal(at)));
            return new Expected(inspectionId, inspector, local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                local.ToString("g", Chinese), inspection.Total!.Value, inspection.Grade!);
        });

    [Fact]
    public async Task Two_submissions_of_one_team_and_round_show_their_inspectors_times_and_totals()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] });
        var lead = await factory.PersonIdAsync(Lead1);
        // Only these two wait for the lead, so both are among the first few the home page lists.
        await factory.WithDbAsync(async db =>
        {
            var others = await (from i in db.Inspections
                                join t in db.Teams on i.TeamId equals t.Id
                                where t.LeadId == lead && i.Status == InspectionStatus.Submitted
                                select i).ToListAsync();
            others.ForEach(i => i.Confirm(DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var now = DateTime.UtcNow;
        var first = await SubmitAtAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), now.AddHours(-5));
        var second = await SubmitAtAsync(round[F.Lead1Team, I2], F.Inputs.Perfect(), now.AddHours(-2));
        Assert.NotEqual(first.Inspector, second.Inspector);
        Assert.NotEqual(first.Total, second.Total);

        var client = await factory.SignedInAsync(Lead1);
        var card = Html.First(await client.GetStringAsync("/"), "[data-card=to-confirm]");

        Assert.NotNull(card);
        var items = card.QuerySelectorAll("[data-to-confirm]").ToList();
        Assert.Equal([first.Id.ToString(CultureInfo.InvariantCulture), second.Id.ToString(CultureInfo.InvariantCulture)],
            items.Select(i => i.GetAttribute("data-to-confirm")));
        foreach (var (item, expected) in items.Zip([first, second]))
        {
            Assert.Equal(expected.Inspector, item.QuerySelector("[data-inspector]")?.TextContent.Trim());
            var submitted = item.QuerySelector("[data-submitted-at]");
            Assert.Equal(expected.Local, submitted?.GetAttribute("data-submitted-at"));
            Assert.Equal(Texts.Zh("Home.SubmittedAt", expected.Shown), submitted?.TextContent.Trim());
            Assert.Equal(expected.Total, decimal.Parse(item.QuerySelector("[data-total]")?.GetAttribute("data-total") ?? "", CultureInfo.InvariantCulture));
            Assert.Equal(expected.Grade, item.QuerySelector("[data-grade]")?.TextContent.Trim());
        }

        Assert.NotEqual(items[0].TextContent, items[1].TextContent);
    }
}
