using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the review side of the journey: rounds of our own on the demo data, submitted inspections, forms.</summary>
public sealed partial class ServiceReviewWebFactory
{
    public const string Lead1Team = "园区客服一组";
    public const string Lead2Team = "园区客服二组";

    public Task<int> PersonIdAsync(string email) =>
        WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).FirstAsync());

    public Task<int> TeamIdAsync(string name) =>
        WithDbAsync(db => db.Teams.Where(t => t.Name == name).Select(t => t.Id).FirstAsync());

    /// <summary>
    /// A new open round of the default plan over <paramref name="teams"/>, each inspected by the named demo inspectors;
    /// returns the round id and the inspection ids by (team name, inspector email).
    /// </summary>
    public Task<JourneyRound> CreateOpenRoundAsync(AggregationMethod aggregation, IReadOnlyDictionary<string, string[]> teams) =>
        CreateOpenRoundAsync(aggregation, teams, planVersionId: null, new DateOnly(2026, 1, 1));

    /// <summary>The same on a chosen plan version (null: the first published) and a one-month period from <paramref name="periodStart"/>.</summary>
    public async Task<JourneyRound> CreateOpenRoundAsync(AggregationMethod aggregation, IReadOnlyDictionary<string, string[]> teams, int? planVersionId, DateOnly periodStart)
    {
        await EnsureDemoDataAsync();
        return await WithDbAsync(async db =>
        {
            var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery()
                .Where(v => planVersionId == null ? v.Status == PlanVersionStatus.Published : v.Id == planVersionId)
                .OrderBy(v => v.Id).FirstAsync();
            var now = DateTime.UtcNow;
            var round = new Round($"测试批次 {Guid.NewGuid():N}"[..12], periodStart, periodStart.AddMonths(1).AddDays(-1), plan.Id,
                now.AddDays(-1), now.AddDays(10), aggregation);
            var byKey = new Dictionary<(string, string), int>();
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
            foreach (var inspection in inspections)
            {
                byKey[(teamNames[inspection.TeamId], people[inspection.InspectorId])] = inspection.Id;
            }

            return new JourneyRound(round.Id, byKey);
        });
    }

    /// <summary>Fills and submits an inspection as the inspector's form would (the form itself is another feature).</summary>
    public Task SubmitAsync(int inspectionId, IReadOnlyDictionary<string, IndicatorInput> inputs, bool confirm = false) =>
        WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == inspectionId);
            var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().FirstAsync(v => v.Id == inspection.PlanVersionId);
            var now = DateTime.UtcNow;
            var round = await db.Rounds.FirstAsync(r => r.Id == inspection.RoundId);
            inspection.SaveDraft(inputs, 600, now);
            inspection.Submit(plan, round, now);
            if (confirm)
            {
                inspection.Confirm(now);
            }

            await db.SaveChangesAsync();
            return 0;
        });

    /// <summary>
    /// Through the pages, as the people would: lead1 disputes one rated indicator of a submitted inspection of their
    /// team, and the manager changes it to <paramref name="ruledLevel"/>. Returns the dispute's id.
    /// </summary>
    public async Task<int> DisputeAndChangeAsync(int inspectionId, string code, string reason, string ruledLevel, string ruling)
    {
        var id = inspectionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lead = await SignedInAsync("lead1@demo.local");
        var leadStamp = StampOf(await lead.GetStringAsync($"/Reviews/Review/{id}"));
        var disputed = await PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Dispute",
            [new("Id", id), new("Stamp", leadStamp), new("Items[0].Code", code), new("Items[0].Selected", "true"), new("Items[0].Reason", reason)]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, disputed.StatusCode);

        var disputeId = await WithDbAsync(db => db.Disputes.Where(d => d.InspectionId == inspectionId).Select(d => d.Id).FirstAsync());
        var manager = await SignedInAsync("manager@demo.local");
        var stamp = StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));
        var ruled = await PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{disputeId}",
        [
            new("Id", disputeId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Stamp", stamp), new("Items[0].Code", code),
            new("Items[0].Outcome", "Changed"), new("Items[0].Level", ruledLevel), new("Items[0].Note", ruling), new("Items[0].Ruling", ruling),
        ]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, ruled.StatusCode);
        return disputeId;
    }

    /// <summary>The hidden concurrency stamp a page's form carries.</summary>
    public static string StampOf(string html)
    {
        var stamp = Html.AttributeOf(html, "input[name=Stamp], input[name=stamp]", "value");
        Assert.True(stamp is not null, "No stamp field on the page.");
        return stamp;
    }

    /// <summary>Inputs of the default plan: the worked example (73.1), a perfect record (100), the example with a veto (0, 68.1 before).</summary>
    public static class Inputs
    {
        public static Dictionary<string, IndicatorInput> WorkedExample() => new(StringComparer.Ordinal)
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

        public static Dictionary<string, IndicatorInput> Vetoed()
        {
            var inputs = WorkedExample();
            inputs["4.3"] = new() { Pass = false, Note = "发生违约" };
            return inputs;
        }

        public static Dictionary<string, IndicatorInput> Perfect() => new(StringComparer.Ordinal)
        {
            ["1.1"] = new() { Value = 99m },
            ["1.2"] = new() { Count = 0 },
            ["1.3"] = new() { Pass = true },
            ["2.1"] = new() { Value = 97m },
            ["2.2"] = new() { Value = 95m },
            ["2.3"] = new() { Level = "优秀", Note = "依据" },
            ["3.1"] = new() { Level = "优秀", Note = "依据" },
            ["3.2"] = new() { Level = "优秀", Note = "依据" },
            ["4.1"] = new() { Level = "优秀", Note = "依据" },
            ["4.2"] = new() { Count = 0 },
            ["4.3"] = new() { Pass = true },
            ["5.1"] = new() { Value = 90m },
            ["5.2"] = new() { Level = "优秀", Note = "依据" },
            ["5.3"] = new() { Level = "优秀", Note = "依据" },
        };
    }
}

public sealed record JourneyRound(int RoundId, IReadOnlyDictionary<(string Team, string Inspector), int> Inspections)
{
    public int this[string team, string inspector] => Inspections[(team, inspector)];
}
