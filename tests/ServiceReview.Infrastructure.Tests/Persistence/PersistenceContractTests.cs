using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Seeding;
using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.Persistence;

/// <summary>
/// What the persistence layer promises, run the same way on every provider a test machine can start
/// (SQLite always, PostgreSQL when installed — and always in CI). Each test gets a fresh, migrated database,
/// wired exactly as the app wires it (<see cref="DependencyInjection.AddInfrastructure"/>).
/// </summary>
public abstract class PersistenceContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    [SkippableFact]
    public async Task Migrations_apply_and_the_default_plan_round_trips_unchanged()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);

        await using var db = NewContext();
        var stored = await LoadPlanAsync(db, DefaultPlan.Name);
        var expected = DefaultPlan.CreateVersion();

        Assert.Equal(PlanVersionStatus.Published, stored.Status);
        Assert.Equal(expected.GradeBounds, stored.GradeBounds);
        Assert.Equal(
            expected.IndicatorsInOrder().Select(Describe),
            stored.IndicatorsInOrder().Select(Describe));
        Assert.Equal(
            expected.CategoriesInOrder().Select(c => (c.Code, c.Name, c.Weight)),
            stored.CategoriesInOrder().Select(c => (c.Code, c.Name, c.Weight)));
    }

    [SkippableFact]
    public async Task Reference_data_seeding_is_idempotent()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDatabaseInitializer>().SeedReferenceDataAsync();
        }

        await using var db = NewContext();
        Assert.Equal(1, await db.Plans.CountAsync());
        Assert.Equal(4, await db.Roles.CountAsync());
    }

    [SkippableFact]
    public async Task An_inspection_with_all_four_rule_kinds_round_trips_with_its_points_and_totals()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        var inspectionId = await GivenSubmittedInspectionAsync(WorkedExampleInputs());

        await using var db = NewContext();
        var stored = await db.Inspections.Include(i => i.Entries).Include(i => i.CategoryScores).SingleAsync(i => i.Id == inspectionId);
        var plan = await LoadPlanAsync(db, DefaultPlan.Name);
        var expected = ScoringEngine.Score(plan, WorkedExampleInputs());

        Assert.Equal(InspectionStatus.Submitted, stored.Status);
        Assert.Equal(73.1m, stored.Total);
        Assert.Equal(expected.Total, stored.Total);
        Assert.Equal(expected.Grade, stored.Grade);
        Assert.Null(stored.VetoedBy);
        Assert.Equal(WorkedExampleInputs().OrderBy(p => p.Key).Select(p => (p.Key, p.Value with { Note = p.Value.Note?.Trim() })),
            stored.Inputs().OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
        foreach (var entry in stored.Entries)
        {
            Assert.Equal(expected.Points[entry.IndicatorCode], entry.Points);
        }

        Assert.Equal(
            expected.Categories.Select(c => (c.Code, c.Score, c.Excluded)),
            stored.CategoryScores.OrderBy(c => c.CategoryCode).Select(c => (c.CategoryCode, c.Score, c.Excluded)));
        var measured = stored.Entries.Single(e => e.IndicatorCode == "1.1");
        Assert.Equal((96.0m, 240, 250), (measured.MeasuredValue!.Value, measured.MeasuredNumerator!.Value, measured.MeasuredDenominator!.Value));
    }

    [SkippableFact]
    public async Task A_vetoed_inspection_keeps_its_total_before_the_veto()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        var inputs = WorkedExampleInputs();
        inputs["4.3"] = new IndicatorInput { Pass = false, Note = "发生违约" };
        var inspectionId = await GivenSubmittedInspectionAsync(inputs);

        await using var db = NewContext();
        var stored = await db.Inspections.SingleAsync(i => i.Id == inspectionId);
        Assert.Equal((0m, 68.1m, "不合格", "4.3"), (stored.Total!.Value, stored.TotalBeforeVeto!.Value, stored.Grade, stored.VetoedBy));
    }

    [SkippableFact]
    public async Task Two_people_saving_the_same_inspection_at_once_gives_the_second_a_concurrency_conflict()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        var inspectionId = await GivenAssignedInspectionAsync();
        await using var first = NewContext();
        await using var second = NewContext();
        var mine = await first.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == inspectionId);
        var theirs = await second.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == inspectionId);

        mine.SaveDraft([new("3.1", new IndicatorInput { Level = "良好" })], 60, DateTime.UtcNow);
        await first.SaveChangesAsync();
        theirs.SaveDraft([new("3.1", new IndicatorInput { Level = "一般" })], 60, DateTime.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = NewContext();
        var stored = await check.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == inspectionId);
        Assert.Equal("良好", stored.Entries.Single(e => e.IndicatorCode == "3.1").Level);
    }

    [SkippableFact]
    public async Task Changing_only_an_entry_still_renews_the_inspection_stamp_so_a_stale_writer_conflicts()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        var inspectionId = await GivenAssignedInspectionAsync();
        await using (var setup = NewContext())
        {
            var inspection = await setup.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == inspectionId);
            inspection.SaveDraft([new("3.1", new IndicatorInput { Level = "良好" })], 60, DateTime.UtcNow);
            await setup.SaveChangesAsync();
        }

        await using var first = NewContext();
        await using var second = NewContext();
        var mine = await first.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == inspectionId);
        var theirs = await second.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == inspectionId);

        // Same status, no time added: only the entry row changes.
        mine.SaveDraft([new("3.1", new IndicatorInput { Level = "优秀", Note = "有事例" })], 0, DateTime.UtcNow);
        await first.SaveChangesAsync();
        theirs.SaveDraft([new("3.1", new IndicatorInput { Level = "差", Note = "无记录" })], 0, DateTime.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Two_people_saving_the_same_project_through_the_admin_service_gives_the_second_a_conflict_and_keeps_the_first()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        int projectId;
        Guid stamp;
        await using (var setup = NewContext())
        {
            var manager = new Person("项目经理", "pm@test.local", "user-pm");
            setup.People.Add(manager);
            await setup.SaveChangesAsync();
            var project = new Project("并发项目", "客户");
            project.SetManagers([manager], _ => true);
            setup.Projects.Add(project);
            await setup.SaveChangesAsync();
            (projectId, stamp) = (project.Id, project.ConcurrencyStamp);
        }

        var input = new ServiceReview.Web.Features.Administration.ProjectInput("并发项目", "第一位的客户", null, null, 2, 24, 48, Project.DefaultTimeZoneId);
        using var firstScope = Services.CreateScope();
        using var secondScope = Services.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<ServiceReview.Web.Features.Administration.Projects.ProjectsAdminService>();
        var second = secondScope.ServiceProvider.GetRequiredService<ServiceReview.Web.Features.Administration.Projects.ProjectsAdminService>();
        var actor = new Actor(null, "管理员", null) { Roles = new HashSet<string>([ServiceReview.Core.Security.Roles.Admin]) };

        Assert.True((await first.UpdateAsync(projectId, stamp, input, actor)).IsOk);
        var conflict = await second.UpdateAsync(projectId, stamp, input with { Customer = "第二位的客户" }, actor);

        Assert.Equal(ServiceReview.Core.Common.OutcomeStatus.Conflict, conflict.Status);
        Assert.Equal("管理员", conflict.ChangedBy);
        await using var check = NewContext();
        var stored = await check.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId);
        Assert.Equal("第一位的客户", stored.Customer);
        Assert.Empty(stored.ManagerIds); // an administrator's save sets the managers: this input names none
        Assert.Equal(1, await check.AuditLog.CountAsync(a => a.EntityType == "Project" && a.EntityId == projectId.ToString()));
    }

    [SkippableFact]
    public async Task Changing_only_a_team_member_or_an_inspector_project_renews_the_owner_stamp_so_a_stale_writer_conflicts()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        int teamId, personId, projectId;
        await using (var setup = NewContext())
        {
            var project = new Project("成员项目", "客户");
            var member = new Person("成员", "m@test.local");
            member.MakeInspector(InspectorType.TechnicalStaff, 2);
            setup.AddRange(project, member);
            await setup.SaveChangesAsync();
            var team = new Team(project.Id, "成员组");
            setup.Teams.Add(team);
            await setup.SaveChangesAsync();
            (teamId, personId, projectId) = (team.Id, member.Id, project.Id);
        }

        await using var first = NewContext();
        await using var second = NewContext();
        var mine = await first.Teams.Include(t => t.Members).SingleAsync(t => t.Id == teamId);
        var theirs = await second.Teams.Include(t => t.Members).SingleAsync(t => t.Id == teamId);
        mine.AddMember(personId);
        await first.SaveChangesAsync();
        theirs.Rename("别的名字");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        var me = await first.People.SingleAsync(p => p.Id == personId);
        var them = await second.People.SingleAsync(p => p.Id == personId);
        me.LimitInspectionTo([projectId]);
        await first.SaveChangesAsync();
        them.Rename("改名", "m@test.local");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = NewContext();
        Assert.Equal([projectId], (await check.People.AsNoTracking().SingleAsync(p => p.Id == personId)).InspectableProjectIds);
    }

    [SkippableFact]
    public async Task The_audit_log_accepts_new_entries_and_refuses_changes()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        await using var db = NewContext();
        var entry = new AuditEntry(DateTime.UtcNow, null, "tester", "Inspection", "1", "Submitted", null, "73.1");
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync();

        db.Entry(entry).Property(e => e.NewValue).CurrentValue = "99.9";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditLog.Remove(await db.AuditLog.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Times_come_back_as_the_same_utc_instants_and_dates_as_the_same_days()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        var opens = new DateTime(2026, 10, 1, 1, 30, 15, DateTimeKind.Utc);
        int roundId;
        await using (var db = NewContext())
        {
            var plan = await LoadPlanAsync(db, DefaultPlan.Name);
            var round = new Round("时间测试", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), plan.Id, opens, opens.AddDays(10), AggregationMethod.Mean);
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            roundId = round.Id;
        }

        await using var check = NewContext();
        var stored = await check.Rounds.SingleAsync(r => r.Id == roundId);
        Assert.Equal(DateTimeKind.Utc, stored.WindowOpensAt.Kind);
        Assert.Equal(opens, stored.WindowOpensAt);
        Assert.Equal(new DateOnly(2026, 9, 30), stored.PeriodEnd);
        Assert.Equal(AggregationMethod.Mean, stored.Aggregation);
    }

    [SkippableFact]
    public async Task The_demo_data_loads_with_finished_rounds_an_open_round_and_a_lenient_and_a_severe_inspector()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDatabaseInitializer>().SeedDemoDataAsync(1);
        }

        await using var db = NewContext();
        Assert.Equal(9, await db.Users.CountAsync());
        Assert.Equal(5, await db.Teams.CountAsync());
        Assert.Equal(DemoDataSeeder.FinishedRounds + 1, await db.Rounds.CountAsync());
        Assert.Equal(DemoDataSeeder.FinishedRounds, await db.Rounds.CountAsync(r => r.Status == RoundStatus.Closed));
        Assert.Equal(5 * DemoDataSeeder.InspectorsPerTeam * DemoDataSeeder.FinishedRounds, await db.Inspections.CountAsync(i => i.Status == InspectionStatus.Confirmed));
        Assert.Equal(5 * DemoDataSeeder.InspectorsPerTeam, await db.Inspections.CountAsync(i => i.Status == InspectionStatus.Assigned));
        Assert.True(await db.ServiceRecords.CountAsync() > 5 * 200);
        Assert.True(await db.Inspections.AnyAsync(i => i.VetoedBy == "4.3"));

        // The finished rounds' measured indicators are the figures the product computes from the team's records.
        var sample = await db.Inspections.Include(i => i.Entries).Where(i => i.Status == InspectionStatus.Confirmed).OrderBy(i => i.Id).FirstAsync();
        var sampleRound = await db.Rounds.SingleAsync(r => r.Id == sample.RoundId);
        using (var scope = Services.CreateScope())
        {
            var computed = await scope.ServiceProvider.GetRequiredService<IMeasuredFigures>()
                .ComputeAsync(sample.TeamId, sampleRound.PeriodStart, sampleRound.PeriodEnd, sampleRound.WindowOpensAt, CancellationToken.None);
            var complete = sample.Entries.Single(e => e.IndicatorCode == "1.1");
            Assert.Equal(computed[MeasuredMetric.Complete].Value, complete.MeasuredValue);
            Assert.Equal(computed[MeasuredMetric.Complete].Denominator, complete.MeasuredDenominator);
            Assert.Equal(complete.MeasuredValue, complete.Value);
            Assert.Equal(computed[MeasuredMetric.FirstResponseOnTime].Value, sample.Entries.Single(e => e.IndicatorCode == "2.1").Value);
        }

        // Each inspector's mean difference from the other inspectors of the same team and round.
        var confirmed = await db.Inspections.Where(i => i.Status == InspectionStatus.Confirmed)
            .Select(i => new { i.RoundId, i.TeamId, i.InspectorId, Total = i.TotalBeforeVeto!.Value }).ToListAsync();
        var people = await db.People.Where(p => p.Email.StartsWith("inspector")).ToDictionaryAsync(p => p.Id, p => p.Email);
        var difference = confirmed.GroupBy(i => i.InspectorId).ToDictionary(
            g => people[g.Key],
            g => g.Average(mine => mine.Total - confirmed.Where(o => o.RoundId == mine.RoundId && o.TeamId == mine.TeamId && o.InspectorId != mine.InspectorId).Average(o => o.Total)));
        Assert.True(difference["inspector2@demo.local"] > 5, $"inspector2 should be lenient: {difference["inspector2@demo.local"]}");
        Assert.True(difference["inspector3@demo.local"] < -5, $"inspector3 should be severe: {difference["inspector3@demo.local"]}");
        foreach (var fair in new[] { "inspector1@demo.local", "inspector4@demo.local", "inspector5@demo.local" })
        {
            Assert.True(Math.Abs(difference[fair]) < 3, $"{fair} should be fair: {difference[fair]}");
        }
    }

    protected static Dictionary<string, IndicatorInput> WorkedExampleInputs() => new()
    {
        ["1.1"] = new() { Value = 96.0m },
        ["1.2"] = new() { Count = 2, Note = "两条记录逾期归档" },
        ["1.3"] = new() { Pass = true },
        ["2.1"] = new() { Value = 91m },
        ["2.2"] = new() { NotApplicable = true, Note = "无服务记录" },
        ["2.3"] = new() { Level = "良好" },
        ["3.1"] = new() { Level = "优秀", Note = "客户表扬信两封" },
        ["3.2"] = new() { Level = "一般" },
        ["4.1"] = new() { Level = "良好" },
        ["4.2"] = new() { Count = 1, Note = "一次超范围服务" },
        ["4.3"] = new() { Pass = true },
        ["5.1"] = new() { Value = 70m },
        ["5.2"] = new() { Level = "良好" },
        ["5.3"] = new() { Level = "较差", Note = "高峰期积压" },
    };

    [SkippableFact]
    public async Task Overdue_corrective_actions_are_found_in_the_database_by_each_projects_own_day()
    {
        await GivenMigratedDatabaseAsync(Seed.ReferenceData);
        var inspectionId = await GivenAssignedInspectionAsync();
        await using var db = NewContext();
        var inspection = await db.Inspections.SingleAsync(i => i.Id == inspectionId);
        var raiser = await db.People.FirstAsync();
        var byZone = new Dictionary<string, int>();
        foreach (var zone in new[] { "Pacific/Pago_Pago", "Asia/Shanghai", "Pacific/Kiritimati" })
        {
            var project = new Project($"项目 {zone}", "客户", zone);
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            var team = new Team(project.Id, "客服组");
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            byZone[zone] = team.Id;
        }

        var due = new Dictionary<(string Zone, int Day), int>();
        foreach (var zone in byZone.Keys)
        {
            foreach (var day in new[] { 3, 4 })
            {
                var action = new CorrectiveAction(inspection.RoundId, byZone[zone], null, $"{zone} {day}", raiser.Id, new DateOnly(2026, 12, day), raiser.Id, DateTime.UtcNow);
                db.CorrectiveActions.Add(action);
                await db.SaveChangesAsync();
                due[(zone, day)] = action.Id;
            }
        }

        // 10:30Z on the 4th: 23:30 on the 3rd in Pago Pago, 18:30 on the 4th in Beijing, 00:30 on the 5th in Kiritimati.
        var clock = OrganisationClock.For(new PinnedClock(new DateTimeOffset(2026, 12, 4, 10, 30, 0, TimeSpan.Zero)), null);
        var today = await ServiceReview.Web.Features.Feedback.ProjectToday.LoadAsync(db, clock);
        var overdue = await db.CorrectiveActions.Where(today.Overdue()).Select(a => a.Id).OrderBy(id => id).ToListAsync();

        Assert.Equal(
            new[] { due[("Asia/Shanghai", 3)], due[("Pacific/Kiritimati", 3)], due[("Pacific/Kiritimati", 4)] }.Order(),
            overdue);
        Assert.Equal(new DateOnly(2026, 12, 3), today.Of(byZone["Pacific/Pago_Pago"]));
        Assert.Equal(new DateOnly(2026, 12, 5), today.Of(byZone["Pacific/Kiritimati"]));
    }

    private sealed class PinnedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }


    private async Task<int> GivenAssignedInspectionAsync()
    {
        await using var db = NewContext();
        var plan = await LoadPlanAsync(db, DefaultPlan.Name);
        var project = new Project("测试项目", "测试客户");
        db.Projects.Add(project);
        var inspector = new Person("检查员甲", "a@test.local");
        inspector.MakeInspector(InspectorType.OperationsLead, 8);
        db.People.Add(inspector);
        await db.SaveChangesAsync();
        var team = new Team(project.Id, "客服一组");
        db.Teams.Add(team);
        var now = DateTime.UtcNow;
        var round = new Round("测试批次", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), plan.Id, now.AddDays(-1), now.AddDays(7), AggregationMethod.TrimmedMean);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        round.AddTeam(team.Id);
        round.Assign(team, inspector);
        var inspection = round.Open(plan, now).Single();
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        return inspection.Id;
    }

    private async Task<int> GivenSubmittedInspectionAsync(Dictionary<string, IndicatorInput> inputs)
    {
        var id = await GivenAssignedInspectionAsync();
        await using var db = NewContext();
        var plan = await LoadPlanAsync(db, DefaultPlan.Name);
        var inspection = await db.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == id);
        inspection.SetMeasured("1.1", new MeasuredFigure(96.0m, 240, 250));
        inspection.SaveDraft(inputs, 1500, DateTime.UtcNow);
        var round = await db.Rounds.SingleAsync(r => r.Id == inspection.RoundId);
        inspection.Submit(plan, round, DateTime.UtcNow);
        await db.SaveChangesAsync();
        return id;
    }

    private static Task<PlanVersion> LoadPlanAsync(ServiceReviewDbContext db, string name) =>
        db.PlanVersions
            .Include(v => v.Categories).ThenInclude(c => c.Indicators)
            .Where(v => db.Plans.Any(p => p.Id == v.PlanId && p.Name == name))
            .OrderBy(v => v.Number)
            .FirstAsync();

    // Decimals compared by value (a database may hand back 8.0 for 8).
    private static string Describe(Indicator i) =>
        $"{i.Code}|{i.Name}|{i.Standard}|{i.Kind}|{N(i.Max)}|{i.NaAllowed}|{i.Critical}|{i.Measure}|{i.Direction}|{N(i.PerOccurrence)}|{i.Unit}|{N(i.MinValue)}|{N(i.MaxValue)}|" +
        string.Join(",", i.Bands.Select(b => $"{N(b.Bound)}:{N(b.Points)}")) + "|" + string.Join(",", i.Levels.Select(l => $"{l.Label}:{N(l.Fraction)}"));

    private static string N(decimal? value) => value?.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
