using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>The record journey's inspection: every input drafted, not yet submitted, on lead2's team in a round of its own.</summary>
public sealed record RecordJourneyIds(int RoundId, int TeamId, int InspectionId);

public sealed partial class BrowserApp
{
    /// <summary>
    /// A round of its own on lead2's team with inspector3's inspection drafted in full (the form's inputs are the detail
    /// pages' worked example), so that the record journey starts at the inspector's evidence and submission.
    /// </summary>
    public async Task<RecordJourneyIds> RecordJourneyAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery()
            .Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Id).FirstAsync();
        var team = await db.Teams.Include(t => t.Members).FirstAsync(t => t.Name == Lead2Team);
        var inspector = await db.People.FirstAsync(p => p.Email == "inspector3@demo.local");

        var now = DateTime.UtcNow;
        var start = new DateOnly(2025, 3, 1);
        var round = new Round("证据与记录演示 Record round", start, start.AddMonths(1).AddDays(-1), plan.Id, now.AddDays(-1), now.AddDays(10), AggregationMethod.Mean);
        round.AddTeam(team.Id);
        round.Assign(team, inspector);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var inspection = round.Open(plan, now).Single();
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        inspection.SaveDraft(Inputs(), 600, now);
        await db.SaveChangesAsync();
        return new RecordJourneyIds(round.Id, team.Id, inspection.Id);
    }
}
