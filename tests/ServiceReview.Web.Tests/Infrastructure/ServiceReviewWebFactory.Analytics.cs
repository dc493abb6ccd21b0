using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the accuracy statistics: the demo data's rounds.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>The demo data's closed rounds, oldest first.</summary>
    public async Task<IReadOnlyList<(int Id, DateOnly PeriodStart, DateOnly PeriodEnd)>> ClosedRoundsAsync()
    {
        await EnsureDemoDataAsync();
        return await WithDbAsync(async db => (await db.Rounds.Where(r => r.Status == RoundStatus.Closed)
                .Select(r => new { r.Id, r.PeriodStart, r.PeriodEnd }).ToListAsync())
            .OrderBy(r => r.PeriodStart).Select(r => (r.Id, r.PeriodStart, r.PeriodEnd)).ToList());
    }

    /// <summary>The demo data's open round (assigned, unfilled inspections).</summary>
    public async Task<int> OpenDemoRoundAsync()
    {
        await EnsureDemoDataAsync();
        return await WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Open).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
    }
}
