using System.Globalization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Exports;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Benchmarks;

/// <summary>Data shaped like the seed-demo --scale 100 data, built in memory with the real domain and scoring engine.</summary>
public static class SyntheticData
{
    public const int HistoryRows = 168_000; // 12,000 inspections × 14 indicators

    /// <summary>A closed round of the default plan over <paramref name="teams"/> teams, 3 confirmed inspections each.</summary>
    public static RoundWorkbookData Round(int teams)
    {
        var random = new Random(42);
        var now = new DateTime(2026, 10, 5, 2, 0, 0, DateTimeKind.Utc);
        var plan = WithId(DefaultPlan.CreateVersion(now.AddYears(-1)), 1);
        var teamInfos = Enumerable.Range(1, teams)
            .Select(i => new TeamInfo(i, "客服" + i.ToString(CultureInfo.InvariantCulture) + "组", "项目" + (i / 5).ToString(CultureInfo.InvariantCulture), null))
            .ToList();
        var inspectors = new Dictionary<int, (string, string)>();
        var people = new Dictionary<int, Person>();
        var round = WithId(new Round("2026年9月服务考评", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), plan.Id,
            now.AddDays(-1), now.AddDays(7), AggregationMethod.TrimmedMean), 1);
        foreach (var info in teamInfos)
        {
            var team = WithId(new Team(1, info.Name), info.Id);
            round.AddTeam(team.Id);
            for (var k = 0; k < 3; k++)
            {
                var inspectorId = 1 + (info.Id * 3 + k) % 60;
                var name = "检查员" + inspectorId.ToString(CultureInfo.InvariantCulture);
                var email = "i" + inspectorId.ToString(CultureInfo.InvariantCulture) + "@x";
                inspectors[inspectorId] = (name, email);
                if (!people.TryGetValue(inspectorId, out var person))
                {
                    person = WithId(new Person(name, email), inspectorId);
                    person.MakeInspector(InspectorType.OperationsLead, 8);
                    people[inspectorId] = person;
                }

                round.Assign(team, person);
            }
        }

        // The real domain: the round opens the inspections, each submits (scored by the entity) and is confirmed.
        var inspections = round.Open(plan, now).ToList();
        var id = 1;
        foreach (var inspection in inspections)
        {
            WithId(inspection, id++);
            inspection.SaveDraft(Inputs(plan, random), 1200, now);
            inspection.Submit(plan, round, now);
            inspection.Confirm(now);
        }

        var summary = new RoundSummary(1, "2026年9月服务考评", 1, RoundStatus.Closed, AggregationMethod.TrimmedMean,
            new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), now);
        var results = RoundResultsService.Calculate(summary, plan, teamInfos, inspections, inspectors);
        var actions = Enumerable.Range(1, teams / 2)
            .Select(i => new ActionRow(i, i, "客服" + i.ToString(CultureInfo.InvariantCulture) + "组", "项目", "2.3", "完善客户问题统计分析，每月形成分析报告", "组长",
                new DateOnly(2026, 11, 1), (CorrectiveActionStatus)(i % 4), i % 3 == 0, now, null, null))
            .ToList();
        return new RoundWorkbookData(results, plan.Name, plan.Number, ["优秀", "良好", "合格", "不合格"], teamInfos.Select(t => t.Id).ToList(),
            new Dictionary<int, int>(), actions, Full: true)
        { Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") };
    }

    private static Dictionary<string, IndicatorInput> Inputs(PlanVersion plan, Random random)
    {
        var inputs = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
        foreach (var indicator in plan.IndicatorsInOrder())
        {
            inputs[indicator.Code] = indicator.Kind switch
            {
                RuleKind.Bands => new IndicatorInput { Value = 80 + random.Next(0, 200) / 10m },
                RuleKind.Deduction => new IndicatorInput { Count = random.Next(0, 3), Note = "记录" },
                RuleKind.Check => new IndicatorInput { Pass = random.Next(0, 20) > 0, Note = "记录" },
                _ => new IndicatorInput { Level = indicator.Levels[random.Next(0, indicator.Levels.Count)].Label, Note = "依据" },
            };
        }

        return inputs;
    }

    private static T WithId<T>(T entity, int id)
        where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
        return entity;
    }

    /// <summary>The i-th history row: 12,000 inspections of 500 teams over 8 rounds, 14 indicators each.</summary>
    public static HistoryRow HistoryRow(int i) => new(
        1 + (i / 21_000), "2026年9月服务考评", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), "项目客户服务组检查考评标准", 1,
        "华东智慧园区运维项目", "园区客服" + (i / 42 % 500).ToString(CultureInfo.InvariantCulture) + "组", 1 + (i / 14),
        "检查员" + (i % 5).ToString(CultureInfo.InvariantCulture), "已确认", new DateTime(2026, 10, 3, 9, 30, 0),
        73.1m, 73.1m, "合格", null, ((i % 14 / 3) + 1).ToString(CultureInfo.InvariantCulture), "服务档案管理", 16m,
        "1." + (i % 14).ToString(CultureInfo.InvariantCulture), "服务记录完整率", 8m, "96.0", 96.0m, null, 6m, 96.0m, false,
        i % 3 == 0 ? "2条记录关闭后超过48小时归档" : null);

    public static async IAsyncEnumerable<HistoryRow> HistoryRowsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return HistoryRow(i);
        }

        await Task.CompletedTask;
    }

    public static ExportLabels Labels => ExportLabels.Keys();
}
