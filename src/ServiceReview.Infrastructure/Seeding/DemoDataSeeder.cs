using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Core.Security;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Seeding;

/// <summary>
/// The demo data of contracts.md: accounts, projects and teams, service records over the months the rounds judge,
/// seven finished monthly rounds with confirmed results (one lenient and one severe inspector among fair ones, so the
/// accuracy statistics have something to find), and one open round with assigned, unfilled inspections.
/// Deterministic: the same scale gives the same data.
/// </summary>
public sealed class DemoDataSeeder(
    ServiceReviewDbContext db,
    UserManager<ApplicationUser> users,
    IMeasuredFigures measuredFigures,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    public const string Password = "Demo-Password-2026";
    public const int FinishedRounds = 7;
    public const int InspectorsPerTeam = 3;

    private static readonly (string Email, string Name, string Role)[] Accounts =
    [
        ("admin@demo.local", "系统管理员", Roles.Admin),
        ("manager@demo.local", "王建华", Roles.Manager),
        ("inspector1@demo.local", "刘建国", Roles.Inspector),
        ("inspector2@demo.local", "陈晓燕", Roles.Inspector),
        ("inspector3@demo.local", "赵志强", Roles.Inspector),
        ("inspector4@demo.local", "孙丽", Roles.Inspector),
        ("inspector5@demo.local", "周强", Roles.Inspector),
        ("lead1@demo.local", "张敏", Roles.TeamLead),
        ("lead2@demo.local", "吴磊", Roles.TeamLead),
    ];

    /// <summary>How each demo inspector leans, as a fraction of an indicator's range: inspector2 lenient, inspector3 severe.</summary>
    private static readonly Dictionary<string, (InspectorType Type, int Years, decimal Bias)> InspectorProfiles = new()
    {
        ["inspector1@demo.local"] = (InspectorType.ProjectLeader, 12, 0m),
        ["inspector2@demo.local"] = (InspectorType.OperationsLead, 6, 0.12m),
        ["inspector3@demo.local"] = (InspectorType.TechnicalStaff, 9, -0.12m),
        ["inspector4@demo.local"] = (InspectorType.OperationsLead, 10, 0m),
        ["inspector5@demo.local"] = (InspectorType.TechnicalStaff, 5, 0m),
    };

    private static readonly (string Project, string Customer, string[] Teams)[] ProjectTemplates =
    [
        ("华东智慧园区运维项目", "上海临港科技城管理有限公司", ["园区客服一组", "园区客服二组"]),
        ("西南政务云服务项目", "成都市政务服务数据中心", ["政务云热线组", "政务云驻场组"]),
        ("华北轨道交通信息化项目", "京津城际运营有限公司", ["运营支持组"]),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"];
    private static readonly string[] CustomerNames = ["物业服务中心", "信息中心", "财务部", "运营调度室", "综合办公室", "客户服务部", "技术保障部", "安全管理部", "市场部", "行政部", "采购部", "人力资源部"];
    private static readonly string[] RequestSummaries = ["新增用户账号并开通权限", "调整报表导出格式", "增加一个审批节点", "申请测试环境", "批量导入基础数据"];
    private static readonly string[] ComplaintSummaries = ["系统响应缓慢影响办公", "故障处理不及时", "工程师未按约定时间到场", "问题反复出现未根治", "客服电话长时间无人接听"];
    private static readonly string[] ConsultationSummaries = ["咨询密码重置流程", "咨询合同服务范围", "咨询数据备份周期", "咨询新功能使用方法", "咨询服务时间安排"];

    public async Task SeedAsync(int scale, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (await users.FindByEmailAsync(Accounts[0].Email) is not null)
        {
            throw new InvalidOperationException("The demo data is already loaded in this database.");
        }

        var random = new Random(20261128 + scale);
        var plan = await db.PlanVersions
            .Include(v => v.Categories).ThenInclude(c => c.Indicators)
            .AsSplitQuery()
            .Where(v => v.Status == PlanVersionStatus.Published)
            .OrderBy(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("Seed the reference data (the default plan) before the demo data.");

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Project.DefaultTimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        var thisMonth = new DateOnly(today.Year, today.Month, 1);

        var people = await CreateAccountsAsync(cancellationToken);
        var inspectors = CreateInspectors(people, scale);
        var teams = await CreateProjectsAndTeamsAsync(people, scale, random, cancellationToken);
        logger.LogInformation("Demo: {Teams} teams, {Inspectors} inspectors.", teams.Count, inspectors.Count);

        var firstPeriod = thisMonth.AddMonths(-(FinishedRounds + 1));
        await CreateServiceRecordsAsync(teams, firstPeriod, nowUtc, zone, random, cancellationToken);

        for (var r = 0; r < FinishedRounds; r++)
        {
            var period = firstPeriod.AddMonths(r);
            var arbitration = r == FinishedRounds - 1 ? (people["lead1@demo.local"].Id, people["manager@demo.local"].Id) : ((int LeadId, int ManagerId)?)null;
            await CreateFinishedRoundAsync(plan, period, r, teams, inspectors, zone, random, arbitration, cancellationToken);
        }

        await CreateOpenRoundAsync(plan, thisMonth.AddMonths(-1), teams, inspectors, nowUtc, cancellationToken);
        await LimitOneInspectorAsync(people["inspector5@demo.local"].Id, cancellationToken);
        logger.LogInformation("Demo data loaded (scale {Scale}).", scale);
    }

    private async Task<Dictionary<string, Person>> CreateAccountsAsync(CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, Person>();
        foreach (var (email, name, role) in Accounts)
        {
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
            var person = new Person(name, email, user.Id);
            if (InspectorProfiles.TryGetValue(email, out var profile))
            {
                person.MakeInspector(profile.Type, profile.Years);
            }

            db.People.Add(person);
            people[email] = person;
        }

        await db.SaveChangesAsync(cancellationToken);
        return people;
    }

    private List<DemoInspector> CreateInspectors(Dictionary<string, Person> people, int scale)
    {
        var inspectors = InspectorProfiles.Select(p => new DemoInspector(people[p.Key], p.Value.Bias)).ToList();
        for (var i = 0; i < 3 * (scale - 1); i++)
        {
            var person = new Person($"检查员{i + 6:000}", $"inspector{i + 6}@demo.local");
            person.MakeInspector((InspectorType)(i % 3), 4 + (i % 12));
            db.People.Add(person);
            inspectors.Add(new DemoInspector(person, 0m));
        }

        return inspectors;
    }

    private async Task<List<DemoTeam>> CreateProjectsAndTeamsAsync(Dictionary<string, Person> people, int scale, Random random, CancellationToken cancellationToken)
    {
        var teams = new List<DemoTeam>();
        var leads = new[] { people["lead1@demo.local"], people["lead2@demo.local"] };
        for (var copy = 1; copy <= scale; copy++)
        {
            foreach (var (projectName, customer, teamNames) in ProjectTemplates)
            {
                var project = new Project(copy == 1 ? projectName : $"{projectName} #{copy}", customer);
                project.SetManagers([people["manager@demo.local"]], _ => true); // the account was created with the Manager role
                db.Projects.Add(project);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var teamName in teamNames)
                {
                    var team = new Team(project.Id, teamName);
                    var lead = teams.Count < leads.Length ? leads[teams.Count] : db.People.Add(NewPerson(random)).Entity;
                    var members = Enumerable.Range(0, 4).Select(_ => NewPerson(random)).ToList();
                    db.People.AddRange(members);
                    await db.SaveChangesAsync(cancellationToken);
                    team.SetLead(lead.Id);
                    foreach (var member in members)
                    {
                        team.AddMember(member.Id);
                    }

                    db.Teams.Add(team);

                    // Quality spread from weak to strong teams, so rankings and grades differ.
                    var quality = 0.55m + (0.37m * (teams.Count % 5) / 4m) + (decimal)(random.NextDouble() * 0.04);
                    teams.Add(new DemoTeam(team, quality, members.Select(m => m.DisplayName).ToArray()));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return teams;
    }

    private static Person NewPerson(Random random) =>
        new(Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)], "");

    /// <summary>Generates the teams' service records, day by day, from the first judged month until today.</summary>
    private async Task CreateServiceRecordsAsync(
        List<DemoTeam> teams, DateOnly firstDay, DateTime nowUtc, TimeZoneInfo zone, Random random, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var pending = 0;
        foreach (var demoTeam in teams)
        {
            var q = (double)demoTeam.Quality;
            var ticket = 0;
            for (var day = firstDay; day < today; day = day.AddDays(1))
            {
                var perDay = 5 + random.Next(7);
                for (var n = 0; n < perDay; n++)
                {
                    ticket++;
                    var local = day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(12 * 60));
                    var received = TimeZoneInfo.ConvertTimeToUtc(local, zone);
                    var type = random.NextDouble() switch { < 0.45 => ServiceRequestType.Request, < 0.8 => ServiceRequestType.Consultation, _ => ServiceRequestType.Complaint };
                    var firstResponse = received.AddMinutes(random.NextDouble() < 0.72 + (0.26 * q) ? 5 + random.Next(110) : 125 + random.Next(480));
                    DateTime? resolved = received.AddHours(random.NextDouble() < 0.55 + (0.42 * q) ? 0.5 + (random.NextDouble() * 23) : 25 + (random.NextDouble() * 72));
                    if (resolved > nowUtc)
                    {
                        resolved = null;
                    }

                    var closed = resolved?.AddMinutes(random.Next(240));
                    if (closed > nowUtc)
                    {
                        closed = null;
                    }

                    var archived = closed?.AddHours(random.NextDouble() < 1 - ((1 - q) * 0.03) ? 1 + (random.NextDouble() * 46) : 49 + (random.NextDouble() * 72));
                    if (archived > nowUtc)
                    {
                        archived = null;
                    }

                    var incomplete = random.NextDouble() < (1 - q) * 0.12;
                    var dropped = incomplete ? random.Next(3) : -1;
                    var data = new ServiceRecordData
                    {
                        Customer = dropped == 0 ? null : ProjectCustomer(random),
                        Channel = (ServiceChannel)random.Next(5),
                        Type = type,
                        Summary = dropped == 1 ? null : Summary(type, random),
                        ReceivedAt = received,
                        FirstResponseAt = firstResponse,
                        ResolvedAt = resolved,
                        ResolvedAtFirstContact = resolved is null ? null : random.NextDouble() < 0.5 + (0.4 * q),
                        Handler = dropped == 2 ? null : demoTeam.Members[random.Next(demoTeam.Members.Length)],
                        ClosedAt = closed,
                        ArchivedAt = archived,
                    };
                    var record = new ServiceRecord(demoTeam.Team.Id, $"T{demoTeam.Team.Id:0000}-{ticket:000000}");
                    record.Update(data, nowUtc);
                    db.ServiceRecords.Add(record);
                    if (++pending >= 5000)
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        db.ChangeTracker.Clear();
                        pending = 0;
                    }
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private static string ProjectCustomer(Random random) => "客户" + CustomerNames[random.Next(CustomerNames.Length)];

    private static string Summary(ServiceRequestType type, Random random) => type switch
    {
        ServiceRequestType.Request => RequestSummaries[random.Next(RequestSummaries.Length)],
        ServiceRequestType.Complaint => ComplaintSummaries[random.Next(ComplaintSummaries.Length)],
        _ => ConsultationSummaries[random.Next(ConsultationSummaries.Length)],
    };

    private async Task CreateFinishedRoundAsync(PlanVersion plan, DateOnly period, int index, List<DemoTeam> teams, List<DemoInspector> inspectors,
        TimeZoneInfo zone, Random random, (int LeadId, int ManagerId)? arbitration, CancellationToken cancellationToken)
    {
        var opens = TimeZoneInfo.ConvertTimeToUtc(period.AddMonths(1).ToDateTime(new TimeOnly(9, 0)), zone);
        var closes = opens.AddDays(10);
        var round = new Round($"{period.Year}年{period.Month}月服务考评", period, period.AddMonths(1).AddDays(-1), plan.Id, opens, closes,
            index % 2 == 0 ? AggregationMethod.TrimmedMean : AggregationMethod.Mean);
        var chosen = AssignTeams(round, teams, inspectors, index);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);

        var inspections = round.Open(plan, opens);
        var vetoTeam = index == 3 ? teams[^1].Team.Id : -1;
        var signalsToPlant = index == FinishedRounds - 1 ? 2 : 0;

        // The measured indicators come from the team's service records exactly as the inspection form computes them.
        var figures = new Dictionary<int, IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>>();
        foreach (var teamId in inspections.Select(i => i.TeamId).Distinct())
        {
            figures[teamId] = await measuredFigures.ComputeAsync(teamId, round.PeriodStart, round.PeriodEnd, opens, cancellationToken);
        }

        // One arbitrated inspection (issue #13: the ruling is part of the record, visible on a fresh install): the first
        // inspection of the arbitrating lead's team, on its first rated indicator that is not measured.
        var disputedIndicator = plan.IndicatorsInOrder().FirstOrDefault(i => i.Kind == RuleKind.Rating && i.Measure is null && i.Levels.Count >= 2);
        var toDispute = arbitration is { } a && disputedIndicator is not null
            ? inspections.FirstOrDefault(i => teams.Any(t => t.Team.Id == i.TeamId && t.Team.LeadId == a.LeadId))
            : null;
        foreach (var inspection in inspections)
        {
            var team = teams.First(t => t.Team.Id == inspection.TeamId);
            var inspector = chosen[inspection.InspectorId];
            var drift = (decimal)((random.NextDouble() - 0.5) * 0.06);
            var measured = new Dictionary<string, IndicatorInput>();
            foreach (var indicator in plan.IndicatorsInOrder().Where(i => i.Measure is not null))
            {
                if (figures[team.Team.Id].TryGetValue(indicator.Measure!.Value, out var figure) && MeasuredInput.For(indicator, figure) is { } input)
                {
                    inspection.SetMeasured(indicator.Code, figure);
                    measured[indicator.Code] = input.Count > 0 ? input with { Note = $"系统统计：{input.Count}条记录逾期归档。" } : input;
                }
            }

            var inputs = InputsFor(plan, team.Quality + drift, inspector.Bias, measured, inspection.TeamId == vetoTeam, random);
            var started = opens.AddHours(2 + random.Next(150));
            var seconds = 60 * (18 + random.Next(35));
            if (signalsToPlant == 2)
            {
                seconds = 6 * 60;
                signalsToPlant--;
            }
            else if (signalsToPlant == 1 && ThinEvidence(inputs, plan))
            {
                signalsToPlant--;
            }

            if (inspection == toDispute)
            {
                inputs[disputedIndicator!.Code] = new IndicatorInput { Level = disputedIndicator.Levels[1].Label, Note = "抽查 3 张工单，1 张回访记录缺少客户满意度确认。" };
            }

            inspection.SaveDraft(inputs, seconds, started);
            inspection.Submit(plan, round, started.AddMinutes(30));
            if (inspection != toDispute)
            {
                inspection.Confirm(started.AddDays(1 + random.Next(3)));
            }
        }

        db.Inspections.AddRange(inspections);
        await db.SaveChangesAsync(cancellationToken);
        if (toDispute is not null && arbitration is { } who)
        {
            // The lead disputes, the manager changes the input: the dispute keeps the input and points before and after.
            var code = disputedIndicator!.Code;
            var raised = toDispute.SubmittedAt!.Value.AddHours(20);
            var dispute = toDispute.Dispute(who.LeadId, [(code, "该工单的满意度确认在电话回访录音中，检查时未调阅录音。")], raised);
            var ruledAt = raised.AddDays(2);
            dispute.Rule(who.ManagerId, new Dictionary<string, (DisputeOutcome, string)>(StringComparer.Ordinal)
            {
                [code] = (DisputeOutcome.Changed, "调阅回访录音，客户已确认满意，改为" + disputedIndicator.Levels[0].Label + "。"),
            }, ruledAt);
            toDispute.Arbitrate(dispute, [new(code, new IndicatorInput { Level = disputedIndicator.Levels[0].Label, Note = "抽查 3 张工单，回访录音确认客户满意（仲裁后补充）。" })],
                plan, ruledAt);
            db.Disputes.Add(dispute);
        }

        round.Close(closes);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task CreateOpenRoundAsync(PlanVersion plan, DateOnly period, List<DemoTeam> teams, List<DemoInspector> inspectors, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var round = new Round($"{period.Year}年{period.Month}月服务考评", period, period.AddMonths(1).AddDays(-1), plan.Id,
            nowUtc.AddDays(-1), nowUtc.AddDays(14), AggregationMethod.TrimmedMean);
        AssignTeams(round, teams, inspectors, FinishedRounds);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        db.Inspections.AddRange(round.Open(plan, nowUtc.AddDays(-1)));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Shows the "projects they may inspect" limit on one inspector (周强): the projects of their open-round inspections,
    /// so that no seeded assignment breaks the rule and the accuracy figures stay as they are.
    /// </summary>
    private async Task LimitOneInspectorAsync(int personId, CancellationToken cancellationToken)
    {
        var projectIds = await db.Inspections.AsNoTracking()
            .Where(i => i.InspectorId == personId)
            .Join(db.Rounds.Where(r => r.Status == RoundStatus.Open), i => i.RoundId, r => r.Id, (i, _) => i.TeamId)
            .Join(db.Teams, teamId => teamId, t => t.Id, (_, t) => t.ProjectId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var person = await db.People.FirstAsync(p => p.Id == personId, cancellationToken);
        person.LimitInspectionTo(projectIds);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Three inspectors per team, rotating so every inspector shares teams with every other.</summary>
    private Dictionary<int, DemoInspector> AssignTeams(Round round, List<DemoTeam> teams, List<DemoInspector> inspectors, int roundIndex)
    {
        var chosen = new Dictionary<int, DemoInspector>();
        for (var t = 0; t < teams.Count; t++)
        {
            var team = teams[t].Team;
            db.Attach(team);
            round.AddTeam(team.Id);
            for (var k = 0; k < InspectorsPerTeam; k++)
            {
                var inspector = inspectors[(t + roundIndex + k) % inspectors.Count];
                db.Attach(inspector.Person);
                round.Assign(team, inspector.Person);
                chosen[inspector.Person.Id] = inspector;
            }
        }

        return chosen;
    }

    private static Dictionary<string, IndicatorInput> InputsFor(PlanVersion plan, decimal quality, decimal bias, Dictionary<string, IndicatorInput> measured, bool breach, Random random)
    {
        var inputs = new Dictionary<string, IndicatorInput>();
        foreach (var indicator in plan.IndicatorsInOrder())
        {
            var judged = Math.Clamp(quality + bias + (decimal)((random.NextDouble() - 0.5) * 0.18), 0m, 1m);
            inputs[indicator.Code] = indicator.Measure is not null
                ? measured.GetValueOrDefault(indicator.Code) ?? new IndicatorInput { NotApplicable = true, Note = MeasuredInput.NoServiceRecordsNote }
                : indicator.Kind switch
                {
                    RuleKind.Rating => RatingInput(indicator, judged),
                    RuleKind.Check when indicator.Critical && breach => new IndicatorInput { Pass = false, Note = "检查期内发生未按合同约定时限恢复服务的违约，客户已书面投诉。" },
                    RuleKind.Check => judged >= 0.45m ? new IndicatorInput { Pass = true } : new IndicatorInput { Pass = false, Note = "抽查发现备份记录不完整，部分数据无访问控制。" },
                    RuleKind.Deduction => DeductionInput(judged),
                    _ => new IndicatorInput { NotApplicable = true, Note = "演示数据" },
                };
        }

        return inputs;
    }

    /// <summary>
    /// The latest finished round carries two signals for the accuracy page, without changing any score or the random
    /// sequence: its first inspection was filled in 6 minutes, and the next one that has a top or bottom rating backs
    /// it with a four-character note (thin evidence). Returns whether this inspection got the thin note.
    /// </summary>
    private static bool ThinEvidence(Dictionary<string, IndicatorInput> inputs, PlanVersion plan)
    {
        var extreme = plan.IndicatorsInOrder()
            .Where(i => i.Kind == RuleKind.Rating && i.Measure is null)
            .FirstOrDefault(i => inputs[i.Code].Level is { } level && (level == i.Levels[0].Label || level == i.Levels[^1].Label));
        if (extreme is null)
        {
            return false;
        }

        inputs[extreme.Code] = inputs[extreme.Code] with { Note = "符合标准" };
        return true;
    }

    private static IndicatorInput RatingInput(Indicator indicator, decimal judged)
    {
        var level = indicator.Levels.OrderBy(l => Math.Abs(l.Fraction - judged)).First();
        var isExtreme = level == indicator.Levels[0] || level == indicator.Levels[^1];
        return new IndicatorInput
        {
            Level = level.Label,
            Note = isExtreme ? (level.Fraction >= 0.5m ? "抽查记录均符合标准，有具体事例佐证。" : "抽查发现多处不符合标准，已现场指出。") : null,
        };
    }

    private static IndicatorInput DeductionInput(decimal judged)
    {
        var count = judged switch { >= 0.7m => 0, >= 0.45m => 1, _ => 2 };
        return new IndicatorInput { Count = count, Note = count > 0 ? $"抽查发现{count}次未按合同约定执行的情况。" : null };
    }

    private sealed record DemoTeam(Team Team, decimal Quality, string[] Members);

    private sealed record DemoInspector(Person Person, decimal Bias);
}
