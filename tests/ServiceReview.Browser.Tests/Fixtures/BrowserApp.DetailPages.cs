using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>Ids of records that the detail pages show: made once per app, in a round of their own.</summary>
public sealed record DetailPageIds(int RoundId, int SubmittedInspectionId, int DisputeId, int ActionId, int ClosedRoundId, int PersonId, int PlanVersionId);

public sealed partial class BrowserApp
{
    private const string Lead2Team = "园区客服二组";
    private readonly SemaphoreSlim _detailLock = new(1, 1);
    private DetailPageIds? _detailPages;
    private int? _draftPlanVersion;

    /// <summary>A draft copy of a plan version (made once), for the plan editor.</summary>
    public async Task<int> DraftPlanVersionAsync(int publishedVersionId)
    {
        await _detailLock.WaitAsync();
        try
        {
            if (_draftPlanVersion is null)
            {
                using var scope = Services.CreateScope();
                var plans = scope.ServiceProvider.GetRequiredService<PlanService>();
                var copy = await plans.CopyAsync(Actor.System, publishedVersionId);
                _draftPlanVersion = copy.IsOk ? copy.Value : throw new InvalidOperationException($"plan version {publishedVersionId} could not be copied");
            }

            return _draftPlanVersion.Value;
        }
        finally
        {
            _detailLock.Release();
        }
    }

    /// <summary>
    /// A round of its own on lead2's team (lead1's belongs to the journey test): inspector3's inspection submitted (for review), inspector2's submitted and
    /// disputed by lead2 (for arbitration), and a corrective action for the team. The demo data has none of these.
    /// </summary>
    public async Task<DetailPageIds> DetailPagesAsync()
    {
        await _detailLock.WaitAsync();
        try
        {
            return _detailPages ??= await CreateDetailPagesAsync();
        }
        finally
        {
            _detailLock.Release();
        }
    }

    private async Task<DetailPageIds> CreateDetailPagesAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery()
            .Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Id).FirstAsync();
        var team = await db.Teams.Include(t => t.Members).FirstAsync(t => t.Name == Lead2Team);
        var inspector3 = await db.People.FirstAsync(p => p.Email == "inspector3@demo.local");
        var inspector2 = await db.People.FirstAsync(p => p.Email == "inspector2@demo.local");
        var lead = await db.People.FirstAsync(p => p.Email == "lead2@demo.local");
        var manager = await db.People.FirstAsync(p => p.Email == "manager@demo.local");
        var inspector1 = await db.People.FirstAsync(p => p.Email == "inspector1@demo.local");

        var now = DateTime.UtcNow;
        var start = new DateOnly(2025, 6, 1);
        var round = new Round("无障碍检查批次 Accessibility round", start, start.AddMonths(1).AddDays(-1), plan.Id, now.AddDays(-1), now.AddDays(10), AggregationMethod.Mean);
        round.AddTeam(team.Id);
        round.Assign(team, inspector3);
        round.Assign(team, inspector2);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var inspections = round.Open(plan, now);
        db.Inspections.AddRange(inspections);
        await db.SaveChangesAsync();

        foreach (var inspection in inspections)
        {
            inspection.SaveDraft(Inputs(), 900, now);
            inspection.Submit(plan, round, now);
        }

        var disputed = inspections.Single(i => i.InspectorId == inspector2.Id);
        var dispute = disputed.Dispute(lead.Id, [("3.2", "客户回访记录显示满意度较高，应为良好。")], now);
        db.Disputes.Add(dispute);
        var action = new CorrectiveAction(round.Id, team.Id, "5.3", "月底集中任务提前排班，按时完成。", lead.Id, DateOnly.FromDateTime(now.AddDays(14)), manager.Id, now);
        db.CorrectiveActions.Add(action);
        await db.SaveChangesAsync();

        var closed = await db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderByDescending(r => r.PeriodStart).Select(r => r.Id).FirstAsync();
        return new DetailPageIds(round.Id, inspections.Single(i => i.InspectorId == inspector3.Id).Id, dispute.Id, action.Id, closed, inspector1.Id, plan.Id);
    }

    /// <summary>The default plan's worked example (73.1 points), with the evidence its low and high scores need.</summary>
    internal static Dictionary<string, IndicatorInput> Inputs() => new(StringComparer.Ordinal)
    {
        ["1.1"] = new() { Value = 96.0m },
        ["1.2"] = new() { Count = 2, Note = "2条记录关闭后超过48小时归档" },
        ["1.3"] = new() { Pass = true },
        ["2.1"] = new() { Value = 91m },
        ["2.2"] = new() { NotApplicable = true, Note = "检查期内无需解决的问题" },
        ["2.3"] = new() { Level = "良好" },
        ["3.1"] = new() { Level = "优秀", Note = "客户回访均表示满意" },
        ["3.2"] = new() { Level = "一般" },
        ["4.1"] = new() { Level = "良好" },
        ["4.2"] = new() { Count = 1, Note = "一次未按合同时限上门" },
        ["4.3"] = new() { Pass = true },
        ["5.1"] = new() { Value = 70m },
        ["5.2"] = new() { Level = "良好" },
        ["5.3"] = new() { Level = "较差", Note = "月底集中任务延误两天" },
    };
}
