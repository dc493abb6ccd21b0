using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Tests.Fixtures;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.ServiceRecords;

namespace ServiceReview.Infrastructure.Tests.ServiceRecords;

/// <summary>
/// The measured figures computed by the database (calendar hours) and by streaming (working calendar), against
/// hand-computed fixtures, on every provider a test machine can start.
/// </summary>
public abstract class MeasuredFiguresContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly September1 = new(2026, 9, 1);
    private static readonly DateOnly September30 = new(2026, 9, 30);
    private static readonly DateTime AsOf = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private int _ticket;

    [SkippableFact]
    public async Task The_five_figures_match_the_hand_computed_fixture_with_numerators_and_denominators()
    {
        var teamId = await GivenTeamAsync();
        await GivenRecordsAsync(teamId,
            // received (Shanghai), response h, resolved h, closed h, archived h, first contact, complete text
            (Local(9, 1, 0, 10), 1, 5, 6, 10, true, true),         // on time everywhere
            (Local(9, 10, 9), 2, 24, 25, 73, true, true),          // exactly at every limit: on time, archive exactly 48 h
            (Local(9, 11, 9), 2.01, 24.5, 25, 73.5, false, true),  // late response, late resolution, late archive
            (Local(9, 12, 9), 1, null, null, null, null, true),    // unresolved for weeks: resolution late
            (Local(9, 13, 9), null, 3, 3, 4, true, false),         // no response: late (elapsed), incomplete twice over
            (Local(9, 30, 23, 30), 1, 2, 2, null, false, true),    // last evening of the period; archive missing and elapsed: late, incomplete
            (Local(10, 1, 0, 10), 1, 2, 2, 3, true, true),         // just after the period: not counted
            (Local(8, 31, 23, 50), 1, 2, 2, 3, true, true));       // just before the period: not counted

        var figures = await ComputeAsync(teamId, AsOf);

        Assert.Equal(new MeasuredFigure(66.7m, 4, 6), figures[MeasuredMetric.Complete]); // late is not incomplete
        Assert.Equal(new MeasuredFigure(2m, 2, 6), figures[MeasuredMetric.LateArchives]);
        Assert.Equal(new MeasuredFigure(66.7m, 4, 6), figures[MeasuredMetric.FirstResponseOnTime]);
        Assert.Equal(new MeasuredFigure(66.7m, 4, 6), figures[MeasuredMetric.ResolvedOnTime]);
        Assert.Equal(new MeasuredFigure(60.0m, 3, 5), figures[MeasuredMetric.FirstContactResolution]);
    }

    [SkippableFact]
    public async Task As_of_a_moment_inside_the_limit_a_missing_time_is_pending_and_later_timestamps_are_not_yet_known()
    {
        var teamId = await GivenTeamAsync();
        var received = Local(9, 20, 9);
        await GivenRecordsAsync(teamId,
            (received, 1, null, null, null, null, true),
            (received, 3, 30, null, null, true, true)); // response known 3 h later; resolution only after as-of

        var asOf = received.AddHours(5);
        var figures = await ComputeAsync(teamId, asOf);

        Assert.Equal(new MeasuredFigure(50.0m, 1, 2), figures[MeasuredMetric.FirstResponseOnTime]);
        Assert.Equal(new MeasuredFigure(null, 0, 0), figures[MeasuredMetric.ResolvedOnTime]);
        Assert.Equal(new MeasuredFigure(null, 0, 0), figures[MeasuredMetric.FirstContactResolution]);
    }

    [SkippableFact]
    public async Task A_period_without_records_gives_no_values()
    {
        var teamId = await GivenTeamAsync();

        var figures = await ComputeAsync(teamId, AsOf);

        Assert.All(figures.Values, f => Assert.Null(f.Value));
        Assert.Equal(new MeasuredFigure(null, 0, 0), figures[MeasuredMetric.LateArchives]);
    }

    [SkippableFact]
    public async Task A_working_calendar_counts_a_friday_evening_ticket_answered_after_a_weekend_and_a_holiday_as_on_time()
    {
        var calendar = new WorkingCalendar(WorkDays.Weekdays, new TimeOnly(9, 0), new TimeOnly(18, 0), [new Holiday(new DateOnly(2026, 9, 14), "调休")]);
        var teamId = await GivenTeamAsync(calendar);
        var friday1700 = Local(9, 11, 17);
        await GivenRecordsAsync(teamId,
            (friday1700, 88.98, null, null, null, null, true),  // Tuesday 15th 09:58:48: 1 h Friday + 58.8 min → on time
            (friday1700, 89.1, null, null, null, null, true)); // Tuesday 10:06 → late (calendar hours: both late)

        var figures = await ComputeAsync(teamId, AsOf);

        Assert.Equal(new MeasuredFigure(50.0m, 1, 2), figures[MeasuredMetric.FirstResponseOnTime]);
        await using var db = NewContext();
        var service = new ServiceMetricsService(db, new PlanVersionCache());
        var context = (await service.ContextAsync(teamId, September1, September30, AsOf, default))!;
        Assert.False(context.InDatabase);
        Assert.Single(await (await service.SliceAsync(context, RecordSlice.ResponseOnTime, default)).ToListAsync());
    }

    [SkippableFact]
    public async Task The_database_counts_agree_with_the_rules_record_by_record_on_random_data()
    {
        var teamId = await GivenTeamAsync();
        var random = new Random(20261128);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            double? Maybe(double hours) => random.NextDouble() < 0.15 ? null : hours;
            var received = Local(9, 1 + random.Next(30), random.Next(24), random.Next(60));
            var resolved = Maybe(random.NextDouble() * 40);
            var closed = resolved is { } r ? Maybe(r + random.NextDouble() * 5) : null;
            var archived = closed is { } c ? Maybe(c + random.NextDouble() * 80) : null;
            return (received, Maybe(Math.Round(random.NextDouble() * 4, 2)), resolved, closed, archived, (bool?)(random.Next(2) == 0), random.NextDouble() > 0.1);
        }).ToArray();
        await GivenRecordsAsync(teamId, rows);
        var asOf = Local(9, 29, 12);

        await using var db = NewContext();
        var service = new ServiceMetricsService(db, new PlanVersionCache());
        var context = (await service.ContextAsync(teamId, September1, September30, asOf, default))!;
        var inDatabase = await service.CountAsync(context, default);
        var records = await service.InPeriod(context).ToListAsync();
        var byRules = MeasuredCounts.Tally(records.Select(RecordFacts.Of), context.Limits, context.Time, asOf);

        Assert.True(inDatabase.Records > 200);
        Assert.Equal(byRules, inDatabase);
        foreach (var slice in Enum.GetValues<RecordSlice>())
        {
            var ids = await (await service.SliceAsync(context, slice, default)).Select(r => r.Id).OrderBy(id => id).ToListAsync();
            var expected = records.Where(r => RecordPredicates.Matches(slice, RecordFacts.Of(r), context)).Select(r => r.Id).OrderBy(id => id).ToList();
            Assert.True(expected.SequenceEqual(ids), $"{slice}: {expected.Count} by the rules, {ids.Count} in the database");
        }
    }

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0), Shanghai);

    private async Task<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>> ComputeAsync(int teamId, DateTime asOf)
    {
        using var scope = Services.CreateScope();
        var figures = scope.ServiceProvider.GetRequiredService<IMeasuredFigures>();
        return await figures.ComputeAsync(teamId, September1, September30, asOf, default);
    }

    private async Task<int> GivenTeamAsync(WorkingCalendar? calendar = null)
    {
        await GivenMigratedDatabaseAsync();

        await using var db = NewContext();
        var project = new Project("度量项目", "客户");
        project.UseCalendar(calendar);
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        var team = new Team(project.Id, "客服一组");
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    private async Task GivenRecordsAsync(int teamId, params (DateTime Received, double? Response, double? Resolved, double? Closed, double? Archived, bool? FirstContact, bool Text)[] rows)
    {
        await using var db = NewContext();
        foreach (var row in rows)
        {
            DateTime? At(double? hours) => hours is { } h ? row.Received.AddSeconds(Math.Round(h * 3600)) : null;
            var record = new ServiceRecord(teamId, $"T-{++_ticket:0000}");
            record.Update(new ServiceRecordData
            {
                Customer = "业主" + _ticket,
                Channel = ServiceChannel.Phone,
                Type = ServiceRequestType.Request,
                Summary = row.Text ? "报修" : null,
                Handler = "张敏",
                ReceivedAt = row.Received,
                FirstResponseAt = At(row.Response),
                ResolvedAt = At(row.Resolved),
                ClosedAt = At(row.Closed),
                ArchivedAt = At(row.Archived),
                ResolvedAtFirstContact = row.FirstContact,
            }, row.Received);
            db.ServiceRecords.Add(record);
        }

        await db.SaveChangesAsync();
    }
}

public sealed class SqliteMeasuredFiguresTests() : MeasuredFiguresContractTests(ProviderDatabase.Sqlite());

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlMeasuredFiguresTests(PostgreSqlServer server) : MeasuredFiguresContractTests(ProviderDatabase.PostgreSql(server, "metrics"));
