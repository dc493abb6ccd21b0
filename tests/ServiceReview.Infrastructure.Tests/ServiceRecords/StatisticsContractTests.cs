using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Tests.Fixtures;
using ServiceReview.Web.Features.ServiceRecords.Statistics;

namespace ServiceReview.Infrastructure.Tests.ServiceRecords;

/// <summary>The statistics queries against a hand-computed fixture, on every provider a test machine can start.</summary>
public abstract class StatisticsContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTime AsOf = Local(10, 15, 12);
    private int _ticket;

    [SkippableFact]
    public async Task Volumes_on_time_counts_durations_repeat_customers_and_backlog_match_the_hand_computed_fixture()
    {
        var (teamA, teamB, other) = await GivenTeamsAsync();
        await GivenRecordsAsync(teamA,
            // received (Shanghai), customer, type, channel, response h, resolved h, closed h
            (Local(9, 1, 0, 10), "王先生", ServiceRequestType.Request, ServiceChannel.Phone, 1, 5, 6),
            (Local(9, 7, 23, 59), "王先生", ServiceRequestType.Complaint, ServiceChannel.Phone, 3, 30, 31), // Monday 7th: week 2
            (Local(9, 20, 9), "李女士", ServiceRequestType.Request, ServiceChannel.IM, 0.5, null, null),     // open since 25 days
            (Local(10, 14, 9), "王先生", ServiceRequestType.Consultation, ServiceChannel.Email, null, null, null), // open 1–3 days
            (Local(8, 31, 23, 50), "王先生", ServiceRequestType.Request, ServiceChannel.Phone, 1, 2, 2));    // before the period
        await GivenRecordsAsync(teamB,
            (Local(9, 2, 9), "李女士", ServiceRequestType.Request, ServiceChannel.Phone, 2, 24, 24),
            (Local(10, 15, 11), "赵先生", ServiceRequestType.Complaint, ServiceChannel.OnSite, null, null, null)); // open < 1 day
        await GivenRecordsAsync(other,
            (Local(9, 3, 9), "王先生", ServiceRequestType.Request, ServiceChannel.Phone, 1, 1, 1)); // not asked for

        var report = await ComputeAsync(new StatisticsQuery([teamA, teamB], new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 31), StatisticsBucket.Month, AsOf));

        Assert.Equal(2, report.Buckets.Count);
        Assert.Equal(6, report.Records);
        Assert.Equal(2, report.Volumes.Where(v => v.Bucket == 0 && v.Type == ServiceRequestType.Request && v.Channel == ServiceChannel.Phone).Sum(v => v.Count));
        Assert.Equal(4, report.Volumes.Where(v => v.Bucket == 0).Sum(v => v.Count));
        Assert.Equal(2, report.Volumes.Where(v => v.Bucket == 1).Sum(v => v.Count));

        // Limits 2 h / 24 h: September responses 1, 3 (late), 0.5, 2 → 3 of 4; resolutions 5, 30 (late), missing (late), 24 → 2 of 4.
        Assert.Equal(new OnTimeCount(0, 3, 4, 2, 4), report.OnTime[0]);
        // October: the 14th 09:00 is 27 h old: response and resolution late; the 15th 11:00 (1 h old): both pending.
        Assert.Equal(new OnTimeCount(1, 0, 1, 0, 1), report.OnTime[1]);
        Assert.Equal(75.0m, report.OnTime[0].ResponseRate);

        // Responses 0.5, 1, 2, 3 h: median 1.5, P90 = 2 + 0.7 × 1 = 2.7; bins ≤1: 2, 1–2: 1, 2–4: 1.
        Assert.Equal(4, report.Response.Count);
        Assert.Equal(1.5, report.Response.MedianHours!.Value, 6);
        Assert.Equal(2.7, report.Response.P90Hours!.Value, 6);
        Assert.Equal([2, 1, 1, 0, 0, 0, 0, 0], report.Response.Histogram);
        // Resolutions 5, 24, 30 h: median 24; 24 h is in the ≤24 bin.
        Assert.Equal(24, report.Resolution.MedianHours!.Value, 6);
        Assert.Equal([0, 0, 0, 1, 1, 1, 0, 0], report.Resolution.Histogram);

        Assert.Equal(2, report.RepeatCustomers);
        Assert.Equal([new RepeatCustomer("王先生", 3), new RepeatCustomer("李女士", 2)], report.TopRepeatCustomers);

        // Open now: 15th (< 1 day), 14th (1–3 days), 20 Sept (7–30 days).
        Assert.Equal([1, 1, 0, 1, 0], report.Backlog);
    }

    [SkippableFact]
    public async Task Weekly_buckets_start_on_monday_and_clip_the_period_and_a_working_calendar_is_judged_by_the_rules()
    {
        var calendar = new WorkingCalendar(WorkDays.Weekdays, new TimeOnly(9, 0), new TimeOnly(18, 0), []);
        var (teamA, _, _) = await GivenTeamsAsync(calendar);
        await GivenRecordsAsync(teamA,
            (Local(9, 11, 17), "甲", ServiceRequestType.Request, ServiceChannel.Phone, 64.5, null, null), // Friday 17:00 → Monday 09:30: 1.5 working hours
            (Local(9, 14, 9), "乙", ServiceRequestType.Request, ServiceChannel.Phone, 3, null, null));    // Monday: 3 h late

        var report = await ComputeAsync(new StatisticsQuery([teamA], new DateOnly(2026, 9, 10), new DateOnly(2026, 9, 20), StatisticsBucket.Week, AsOf));

        Assert.Equal([(new DateOnly(2026, 9, 10), new DateOnly(2026, 9, 13)), (new DateOnly(2026, 9, 14), new DateOnly(2026, 9, 20))],
            report.Buckets.Select(b => (b.First, b.Last)));
        Assert.Equal(1, report.OnTime[0].RespondedOnTime);
        Assert.Equal(0, report.OnTime[1].RespondedOnTime);
        Assert.Equal(1, report.OnTime[1].ResponseJudged);
    }

    [SkippableFact]
    public async Task No_records_give_empty_distributions_and_zero_counts()
    {
        var (teamA, _, _) = await GivenTeamsAsync();

        var report = await ComputeAsync(new StatisticsQuery([teamA], new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), StatisticsBucket.Week, AsOf));

        Assert.Equal(0, report.Records);
        Assert.Null(report.Response.MedianHours);
        Assert.All(report.OnTime, c => Assert.Null(c.ResponseRate));
        Assert.Equal([0, 0, 0, 0, 0], report.Backlog);
    }

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0), Shanghai);

    private async Task<StatisticsReport> ComputeAsync(StatisticsQuery query)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceStatisticsService>().ComputeAsync(query, default);
    }

    private async Task<(int A, int B, int Other)> GivenTeamsAsync(WorkingCalendar? calendar = null)
    {
        await GivenMigratedDatabaseAsync();

        await using var db = NewContext();
        var first = new Project("统计项目一", "客户");
        first.UseCalendar(calendar);
        var second = new Project("统计项目二", "客户");
        db.Projects.AddRange(first, second);
        await db.SaveChangesAsync();
        var a = new Team(first.Id, "客服一组");
        var b = new Team(second.Id, "客服二组");
        var other = new Team(second.Id, "客服三组");
        db.Teams.AddRange(a, b, other);
        await db.SaveChangesAsync();
        return (a.Id, b.Id, other.Id);
    }

    private async Task GivenRecordsAsync(int teamId, params (DateTime Received, string Customer, ServiceRequestType Type, ServiceChannel Channel, double? Response, double? Resolved, double? Closed)[] rows)
    {
        await using var db = NewContext();
        foreach (var row in rows)
        {
            DateTime? At(double? hours) => hours is { } h ? row.Received.AddSeconds(Math.Round(h * 3600)) : null;
            var record = new ServiceRecord(teamId, $"S-{++_ticket:0000}");
            record.Update(new ServiceRecordData
            {
                Customer = row.Customer,
                Channel = row.Channel,
                Type = row.Type,
                Summary = "报修",
                Handler = "张敏",
                ReceivedAt = row.Received,
                FirstResponseAt = At(row.Response),
                ResolvedAt = At(row.Resolved),
                ClosedAt = At(row.Closed),
            }, row.Received);
            db.ServiceRecords.Add(record);
        }

        await db.SaveChangesAsync();
    }
}

public sealed class SqliteStatisticsTests() : StatisticsContractTests(ProviderDatabase.Sqlite());

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStatisticsTests(PostgreSqlServer server) : StatisticsContractTests(ProviderDatabase.PostgreSql(server, "statistics"));
