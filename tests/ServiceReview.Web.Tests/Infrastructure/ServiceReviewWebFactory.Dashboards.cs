using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the dashboard tests: a published copy of the default plan, rounds on a chosen plan and period.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>Publishes a copy of the default plan as a new version; returns its id.</summary>
    public async Task<int> PublishPlanCopyAsync()
    {
        await EnsureDemoDataAsync();
        return await WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Versions).ThenInclude(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().OrderBy(p => p.Id).FirstAsync();
            var copy = plan.AddDraftCopyOf(plan.Versions.OrderBy(v => v.Number).First());
            copy.Publish(DateTime.UtcNow);
            await db.SaveChangesAsync();
            return copy.Id;
        });
    }

    /// <summary>An open round on <paramref name="planVersionId"/> for one month from <paramref name="periodStart"/>.</summary>
    public Task<JourneyRound> CreateRoundOnPlanAsync(int planVersionId, DateOnly periodStart, IReadOnlyDictionary<string, string[]> teams) =>
        CreateOpenRoundAsync(AggregationMethod.Mean, teams, planVersionId, periodStart);
}
