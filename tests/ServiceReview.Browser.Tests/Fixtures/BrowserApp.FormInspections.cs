using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Browser.Tests.Fixtures;

public sealed partial class BrowserApp
{
    /// <summary>
    /// A round of its own (named <paramref name="name"/>, for the month starting <paramref name="periodStart"/>) on
    /// lead2's team with inspector3's inspection, open now, drafted with <paramref name="draft"/> when given: each form
    /// test has a record nobody else touches.
    /// </summary>
    public async Task<int> FormInspectionAsync(string name, DateOnly periodStart, IReadOnlyDictionary<string, IndicatorInput>? draft = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery()
            .Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Id).FirstAsync();
        var team = await db.Teams.Include(t => t.Members).FirstAsync(t => t.Name == Lead2Team);
        var inspector = await db.People.FirstAsync(p => p.Email == "inspector3@demo.local");

        var now = DateTime.UtcNow;
        var round = new Round(name, periodStart, periodStart.AddMonths(1).AddDays(-1), plan.Id, now.AddDays(-1), now.AddDays(10), AggregationMethod.Mean);
        round.AddTeam(team.Id);
        round.Assign(team, inspector);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var inspection = round.Open(plan, now).Single();
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        if (draft is not null)
        {
            inspection.SaveDraft(draft, 300, now);
            await db.SaveChangesAsync();
        }

        return inspection.Id;
    }

    /// <summary>An inspection's stored entries by indicator code, as the server has them now.</summary>
    public async Task<Dictionary<string, InspectionEntry>> EntriesOfAsync(int inspectionId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Entries).FirstAsync(i => i.Id == inspectionId);
        return inspection.Entries.ToDictionary(e => e.IndicatorCode, StringComparer.Ordinal);
    }

    /// <summary>Saves a draft as another device would: the record gets a new stamp, so the page's stamp is out of date.</summary>
    public async Task SaveDraftElsewhereAsync(int inspectionId, IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var inspection = await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == inspectionId);
        inspection.SaveDraft(inputs, 60, DateTime.UtcNow);
        inspection.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync();
    }
}
