using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Tests.Fixtures;
using ServiceReview.Web.Features.Analytics.Calibration;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews;
using ServiceReview.Web.Features.Reviews.Disputes;
using ServiceReview.Web.Features.Rounds;

namespace ServiceReview.Infrastructure.Tests.Lists;

/// <summary>
/// Every paged list query translates and pages the same way on each provider: on the scale-1 demo data plus corrective
/// actions, ruled disputes and calibration exercises, page 1 and page 2 never share a row and the total is what an
/// independent count says.
/// </summary>
public abstract class ListQueriesContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    [SkippableFact]
    public async Task Every_list_pages_in_the_database_without_overlap_and_with_the_right_total()
    {
        var (lead, manager, inspector) = await GivenDemoDataAsync();
        using var scope = Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ServiceReviewDbContext>();
        var now = DateTime.UtcNow;

        await CheckAsync(r => sp.GetRequiredService<ReviewService>().HistoryForLeadAsync(new Actor(null, "lead", lead), null, null, r), x => x.Id,
            db.Inspections.CountAsync(i => db.Teams.Any(t => t.Id == i.TeamId && t.LeadId == lead)
                && (i.Status == InspectionStatus.Confirmed || i.Status == InspectionStatus.Disputed)));
        await CheckAsync(r => sp.GetRequiredService<DisputeService>().RuledAsync(null, r), x => x.Id,
            db.Disputes.CountAsync(d => d.Status == DisputeStatus.Ruled), size: 1);
        await CheckAsync(r => sp.GetRequiredService<CorrectiveActionService>().PageAsync(new Actor(null, "manager", null) { Roles = new HashSet<string>(StringComparer.Ordinal) { Roles.Manager } }, null, false, null, r), x => x.Id,
            db.CorrectiveActions.CountAsync());
        await CheckAsync(r => sp.GetRequiredService<CorrectiveActionService>().PageAsync(new Actor(null, "lead", lead), CorrectiveActionStatus.Open, false, "整改", r), x => x.Id,
            db.CorrectiveActions.CountAsync(a => a.Status == CorrectiveActionStatus.Open && db.Teams.Any(t => t.Id == a.TeamId && t.LeadId == lead)));
        await CheckAsync(r => sp.GetRequiredService<RoundResultsService>().RoundsPageAsync(null, null, r), x => x.Id,
            db.Rounds.CountAsync(), size: 2);
        await CheckAsync(r => sp.GetRequiredService<RoundResultsService>().LinksPageAsync(new Actor(null, "lead", lead), null, r), x => (x.RoundId * 100_000) + x.TeamId,
            db.Inspections.Where(i => db.Teams.Any(t => t.Id == i.TeamId && t.LeadId == lead)).Select(i => new { i.RoundId, i.TeamId }).Distinct().CountAsync(),
            size: 2);
        await CheckAsync(r => sp.GetRequiredService<CalibrationService>().ListAsync(new ServiceReview.Core.Audit.Actor(null, "manager", manager) { Roles = new HashSet<string>(StringComparer.Ordinal) { ServiceReview.Core.Security.Roles.Manager } }, "练习", r), x => x.Id,
            db.CalibrationExercises.CountAsync(), size: 2);
        await CheckAsync(r => sp.GetRequiredService<InspectionService>().ListAsync(new Actor(null, "inspector", inspector), null, null, r, now), x => x.Id,
            db.Inspections.CountAsync(i => i.InspectorId == inspector), size: 3);
        await CheckAsync(r => sp.GetRequiredService<RoundQueries>().ListAsync(new RoundListQuery("服务考评", null, r)), x => x.Id,
            db.Rounds.CountAsync(), size: 3);
        await CheckAsync(r => sp.GetRequiredService<PlanService>().PageAsync(null, r), x => x.Id, db.Plans.CountAsync(), size: 1);
        Assert.NotEmpty(await sp.GetRequiredService<ReviewService>().ToReviewForLeadAsync(new Actor(null, "lead", lead), "组"));
        Assert.Empty(await sp.GetRequiredService<DisputeService>().OpenAsync("没有这个"));
    }

    /// <summary>Pages 1 and 2 of <paramref name="size"/> rows: no shared row, the expected total, a page beyond the end gives the last page.</summary>
    private static async Task CheckAsync<T>(Func<PageRequest, Task<Paged<T>>> list, Func<T, int> key, Task<int> expectedTotal, int size = 10)
    {
        var total = await expectedTotal;
        var first = await list(PageRequest.Of(1, size, size));
        var second = await list(PageRequest.Of(2, size, size));
        var beyond = await list(PageRequest.Of(int.MaxValue, size, size));

        Assert.True(total > size, $"{typeof(T).Name}: the data must fill more than one page ({total} rows)");
        Assert.Equal(total, first.Total);
        Assert.Equal(size, first.Items.Count);
        Assert.Empty(first.Items.Select(key).Intersect(second.Items.Select(key)));
        Assert.Equal(first.PageCount, beyond.Page);
        Assert.Equal(total, beyond.LastItem);
    }

    private async Task<(int Lead, int Manager, int Inspector)> GivenDemoDataAsync()
    {
        await GivenMigratedDatabaseAsync(Seed.DemoData);

        using var seed = Services.CreateScope();
        var db = seed.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var lead = await db.People.Where(p => p.Email == "lead1@demo.local").Select(p => p.Id).FirstAsync();
        var manager = await db.People.Where(p => p.Email == "manager@demo.local").Select(p => p.Id).FirstAsync();
        var inspector = await db.People.Where(p => p.Email == "inspector1@demo.local").Select(p => p.Id).FirstAsync();
        var inspector2 = await db.People.Where(p => p.Email == "inspector2@demo.local").Select(p => p.Id).FirstAsync();
        var team = await db.Teams.FirstAsync(t => t.LeadId == lead);
        var round = await db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderBy(r => r.Id).FirstAsync();
        var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).FirstAsync(v => v.Status == PlanVersionStatus.Published);
        var now = DateTime.UtcNow;

        for (var i = 1; i <= 25; i++)
        {
            db.CorrectiveActions.Add(new CorrectiveAction(round.Id, team.Id, "1.1", $"整改 {i}", lead, DateOnly.FromDateTime(now).AddDays(i - 10), manager, now));
            db.CalibrationExercises.Add(new CalibrationExercise($"练习 {i % 3}", team.Id, plan.Id, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), false, manager, [inspector, inspector2], now.AddMinutes(i % 2)));
        }

        // The open round's inspections of the lead's team: submit all; dispute and rule all but one (left to review).
        var open = await db.Inspections.Include(i => i.Entries).Include(i => i.CategoryScores)
            .Where(i => i.TeamId == team.Id && i.Status == InspectionStatus.Assigned).OrderBy(i => i.Id).ToListAsync();
        var inputs = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal)
        {
            ["1.1"] = new() { Value = 96.0m },
            ["1.2"] = new() { Count = 2, Note = "归档超时" },
            ["1.3"] = new() { Pass = true },
            ["2.1"] = new() { Value = 91m },
            ["2.2"] = new() { NotApplicable = true, Note = "无" },
            ["2.3"] = new() { Level = "良好" },
            ["3.1"] = new() { Level = "优秀", Note = "回访满意" },
            ["3.2"] = new() { Level = "一般" },
            ["4.1"] = new() { Level = "良好" },
            ["4.2"] = new() { Count = 1, Note = "未按时上门" },
            ["4.3"] = new() { Pass = true },
            ["5.1"] = new() { Value = 70m },
            ["5.2"] = new() { Level = "良好" },
            ["5.3"] = new() { Level = "较差", Note = "延误两天" },
        };
        foreach (var inspection in open)
        {
            inspection.SaveDraft(inputs, 60, now);
            inspection.Submit(plan, await db.Rounds.FirstAsync(r => r.Id == inspection.RoundId), now);
        }

        foreach (var inspection in open.Skip(1))
        {
            var dispute = inspection.Dispute(lead, [("1.1", "理由")], now);
            db.Disputes.Add(dispute);
            dispute.Rule(manager, new Dictionary<string, (DisputeOutcome, string)>(StringComparer.Ordinal) { ["1.1"] = (DisputeOutcome.Upheld, "维持") }, now.AddMinutes(inspection.Id));
            inspection.Arbitrate(dispute, [], plan, now);
        }

        await db.SaveChangesAsync();
        await seed.ServiceProvider.GetRequiredService<PlanService>().CreatePlanAsync(ServiceReview.Core.Audit.Actor.System, "第二方案", null);
        return (lead, manager, inspector);
    }
}

public sealed class SqliteListQueriesTests() : ListQueriesContractTests(ProviderDatabase.Sqlite());

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlListQueriesTests(PostgreSqlServer server) : ListQueriesContractTests(ProviderDatabase.PostgreSql(server, "lists"));
