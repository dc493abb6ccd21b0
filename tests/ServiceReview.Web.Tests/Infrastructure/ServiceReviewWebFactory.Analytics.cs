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

/// <summary>Submitting with a measured figure and a chosen time spent, for the signals.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>
    /// Sets the measured figures, saves the inputs with <paramref name="seconds"/> spent and submits (and confirms when
    /// asked), as the inspection form and the lead's review would.
    /// </summary>
    public Task SubmitTimedAsync(int inspectionId, IReadOnlyDictionary<string, ServiceReview.Core.Scoring.IndicatorInput> inputs, int seconds,
        IReadOnlyDictionary<string, ServiceReview.Core.Inspections.MeasuredFigure>? measured = null, bool confirm = false) =>
        WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == inspectionId);
            var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().FirstAsync(v => v.Id == inspection.PlanVersionId);
            var now = DateTime.UtcNow;
            foreach (var (code, figure) in measured ?? new Dictionary<string, ServiceReview.Core.Inspections.MeasuredFigure>())
            {
                inspection.SetMeasured(code, figure);
            }

            var round = await db.Rounds.FirstAsync(r => r.Id == inspection.RoundId);
            inspection.SaveDraft(inputs, seconds, now);
            inspection.Submit(plan, round, now);
            if (confirm)
            {
                inspection.Confirm(now);
            }

            await db.SaveChangesAsync();
            return 0;
        });
}
