using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
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
            var plan = await db.Plans.Include(p => p.Versions).ThenInclude(v => v.Categories).ThenInclude(c => c.Indicators).OrderBy(p => p.Id).FirstAsync();
            var copy = plan.AddDraftCopyOf(plan.Versions.OrderBy(v => v.Number).First());
            copy.Publish(DateTime.UtcNow);
            await db.SaveChangesAsync();
            return copy.Id;
        });
    }

    /// <summary>An open round on <paramref name="planVersionId"/> for one month from <paramref name="periodStart"/>.</summary>
    public async Task<JourneyRound> CreateRoundOnPlanAsync(int planVersionId, DateOnly periodStart, IReadOnlyDictionary<string, string[]> teams)
    {
        await EnsureDemoDataAsync();
        return await WithDbAsync(async db =>
        {
            var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).FirstAsync(v => v.Id == planVersionId);
            var now = DateTime.UtcNow;
            var round = new Round($"趋势 {Guid.NewGuid():N}"[..10], periodStart, periodStart.AddMonths(1).AddDays(-1), plan.Id,
                now.AddDays(-1), now.AddDays(10), AggregationMethod.Mean);
            var people = new Dictionary<int, string>();
            foreach (var (teamName, inspectors) in teams)
            {
                var team = await db.Teams.Include(t => t.Members).FirstAsync(t => t.Name == teamName);
                round.AddTeam(team.Id);
                foreach (var email in inspectors)
                {
                    var person = await db.People.FirstAsync(p => p.Email == email);
                    people[person.Id] = email;
                    round.Assign(team, person);
                }
            }

            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            var inspections = round.Open(plan, now);
            db.Inspections.AddRange(inspections);
            await db.SaveChangesAsync();
            var teamNames = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name);
            return new JourneyRound(round.Id, inspections.ToDictionary(i => (teamNames[i.TeamId], people[i.InspectorId]), i => i.Id));
        });
    }
}
