using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.ServiceRecords.Statistics;

/// <summary>
/// The statistics of service records over several teams (统计分析). Counting is done by the database: volumes, on-time
/// counts, repeat customers and the backlog are grouped counts, and the bucket of a record is a CASE over its received
/// time compared with bucket boundaries passed as parameters, so the queries stay provider-neutral (no date functions).
/// Two things SQL cannot say the same way everywhere are done in .NET on streamed columns, never whole entities:
/// durations (the three timestamps of each record, for the median, 90th percentile and histogram; a difference of two
/// timestamps has no provider-neutral translation) and on-time counts of projects with a working calendar.
/// </summary>
public sealed class ServiceStatisticsService(ServiceReviewDbContext db, Core.Organisation.OrganisationClock localTime)
{
    public async Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken)
    {
        var teamIds = query.TeamIds.Distinct().ToList();
        var projects = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .Join(db.Projects.AsNoTracking(), t => t.ProjectId, p => p.Id, (t, p) => new { TeamId = t.Id, Project = p })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var zoneIds = projects.Select(p => p.Project.TimeZoneId).Distinct().ToList();
        // One project's zone when the teams share one; the organisation's when they span several (ADR 0022).
        var zone = zoneIds.Count == 1 ? ServicePeriod.FindZone(zoneIds[0]) : localTime.Zone;
        var (from, to) = query.From <= query.To ? (query.From, query.To) : (query.To, query.From);
        var buckets = Buckets(from, to, query.Bucket, zone);
        var asOf = query.AsOfUtc;
        var (start, end) = (buckets[0].StartUtc, buckets[^1].EndUtc);

        var inPeriod = db.ServiceRecords.AsNoTracking()
            .Where(r => teamIds.Contains(r.TeamId) && r.ReceivedAt >= start && r.ReceivedAt < end && r.ReceivedAt <= asOf);
        var bucketOf = BucketOf(buckets);

        var volumes = await inPeriod.Select(Project(bucketOf, r => new Slim { Type = r.Type, Channel = r.Channel }))
            .GroupBy(s => new { s.Bucket, s.Type, s.Channel })
            .Select(g => new { g.Key.Bucket, g.Key.Type, g.Key.Channel, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var onTime = new Dictionary<int, OnTimeCount>();
        foreach (var group in projects.GroupBy(p => p.Project.Id))
        {
            var project = group.First().Project;
            var ids = group.Select(p => p.TeamId).ToList();
            var records = inPeriod.Where(r => ids.Contains(r.TeamId));
            var context = new MeasuredContext(0, ServicePeriod.Of(from, to, zone), asOf, project.Limits,
                new WorkingTime(project.Calendar, ServicePeriod.FindZone(project.TimeZoneId)), zone);
            foreach (var count in await OnTimeAsync(records, context, bucketOf, buckets, cancellationToken))
            {
                onTime[count.Bucket] = onTime.TryGetValue(count.Bucket, out var sum)
                    ? new OnTimeCount(count.Bucket, sum.RespondedOnTime + count.RespondedOnTime, sum.ResponseJudged + count.ResponseJudged,
                        sum.ResolvedOnTime + count.ResolvedOnTime, sum.ResolutionJudged + count.ResolutionJudged)
                    : count;
            }
        }

        var (response, resolution) = await DurationsAsync(inPeriod, asOf, cancellationToken);

        var customers = inPeriod.Where(r => r.Customer != null).GroupBy(r => r.Customer!).Where(g => g.Count() >= 2);
        var repeatCount = await customers.CountAsync(cancellationToken);
        var top = await customers.Select(g => new { Customer = g.Key, Count = g.Count() })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Customer).Take(StatisticsReport.TopCustomers).ToListAsync(cancellationToken);

        var backlog = await BacklogAsync(teamIds, asOf, cancellationToken);

        return new StatisticsReport(
            zone,
            buckets,
            volumes.Sum(v => v.Count),
            volumes.Select(v => new VolumeCount(v.Bucket, v.Type, v.Channel, v.Count)).OrderBy(v => v.Bucket).ThenBy(v => v.Type).ThenBy(v => v.Channel).ToList(),
            Enumerable.Range(0, buckets.Count).Select(b => onTime.TryGetValue(b, out var c) ? c : new OnTimeCount(b, 0, 0, 0, 0)).ToList(),
            response,
            resolution,
            repeatCount,
            top.Select(c => new RepeatCustomer(c.Customer, c.Count)).ToList(),
            backlog);
    }

    /// <summary>The buckets of the period: weeks start on Monday, months on the 1st; the first and last are clipped.</summary>
    public static IReadOnlyList<BucketRange> Buckets(DateOnly from, DateOnly to, StatisticsBucket size, TimeZoneInfo zone)
    {
        var list = new List<BucketRange>();
        var first = from;
        while (first <= to)
        {
            var daysToMonday = (8 - (int)first.DayOfWeek) % 7;
            var next = size == StatisticsBucket.Month
                ? new DateOnly(first.Year, first.Month, 1).AddMonths(1)
                : first.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
            var last = next.AddDays(-1) < to ? next.AddDays(-1) : to;
            var period = ServicePeriod.Of(first, last, zone);
            list.Add(new BucketRange(first, last, period.StartUtc, period.EndUtc));
            first = last.AddDays(1);
        }

        return list;
    }

    /// <summary>r =&gt; r.ReceivedAt &lt; b1 ? 0 : r.ReceivedAt &lt; b2 ? 1 : … : n−1 (a CASE in SQL; the boundaries are constants).</summary>
    private static Expression<Func<ServiceRecord, int>> BucketOf(IReadOnlyList<BucketRange> buckets)
    {
        var r = Expression.Parameter(typeof(ServiceRecord), "r");
        var received = Expression.Property(r, nameof(ServiceRecord.ReceivedAt));
        Expression body = Expression.Constant(buckets.Count - 1);
        for (var i = buckets.Count - 2; i >= 0; i--)
        {
            var boundary = Expression.Constant((DateTime?)buckets[i].EndUtc, typeof(DateTime?));
            body = Expression.Condition(Expression.LessThan(received, boundary), Expression.Constant(i), body);
        }

        return Expression.Lambda<Func<ServiceRecord, int>>(body, r);
    }

    /// <summary>A projection <c>r =&gt; new Slim { Bucket = bucketOf(r), … }</c> from two lambdas over the same record.</summary>
    private static Expression<Func<ServiceRecord, Slim>> Project(Expression<Func<ServiceRecord, int>> bucketOf, Expression<Func<ServiceRecord, Slim>> rest)
    {
        var r = rest.Parameters[0];
        var init = rest.Body as MemberInitExpression ?? Expression.MemberInit((NewExpression)rest.Body);
        var bucket = Expression.Bind(typeof(Slim).GetProperty(nameof(Slim.Bucket))!, Rebind(bucketOf, r));
        return Expression.Lambda<Func<ServiceRecord, Slim>>(Expression.MemberInit(init.NewExpression, init.Bindings.Append(bucket)), r);
    }

    private static Expression Rebind(LambdaExpression lambda, ParameterExpression parameter) =>
        new ParameterSwap(lambda.Parameters[0], parameter).Visit(lambda.Body);

    private static async Task<List<OnTimeCount>> OnTimeAsync(IQueryable<ServiceRecord> records, MeasuredContext context,
        Expression<Func<ServiceRecord, int>> bucketOf, IReadOnlyList<BucketRange> buckets, CancellationToken cancellationToken)
    {
        if (context.InDatabase)
        {
            var predicates = new RecordPredicates(context);
            var r = Expression.Parameter(typeof(ServiceRecord), "r");
            MemberAssignment Flag(string property, RecordSlice slice) =>
                Expression.Bind(typeof(Slim).GetProperty(property)!, Rebind(predicates.For(slice), r));
            var projection = Expression.Lambda<Func<ServiceRecord, Slim>>(
                Expression.MemberInit(Expression.New(typeof(Slim)),
                    Expression.Bind(typeof(Slim).GetProperty(nameof(Slim.Bucket))!, Rebind(bucketOf, r)),
                    Flag(nameof(Slim.A), RecordSlice.ResponseOnTime),
                    Flag(nameof(Slim.B), RecordSlice.ResponseJudged),
                    Flag(nameof(Slim.C), RecordSlice.ResolvedOnTime),
                    Flag(nameof(Slim.D), RecordSlice.ResolutionJudged)),
                r);
            var rows = await records.Select(projection).GroupBy(s => s.Bucket)
                .Select(g => new
                {
                    Bucket = g.Key,
                    A = g.Count(s => s.A),
                    B = g.Count(s => s.B),
                    C = g.Count(s => s.C),
                    D = g.Count(s => s.D),
                })
                .ToListAsync(cancellationToken);
            return rows.Select(x => new OnTimeCount(x.Bucket, x.A, x.B, x.C, x.D)).ToList();
        }

        // A working calendar: judge each record with MeasuredRules on its streamed timestamps.
        var counts = new int[buckets.Count, 4];
        var facts = records.Select(x => new { x.ReceivedAt, x.FirstResponseAt, x.ResolvedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken);
        await foreach (var f in facts)
        {
            var received = f.ReceivedAt!.Value;
            var b = Index(buckets, received);
            var fact = new RecordFacts(received, f.FirstResponseAt, f.ResolvedAt, null, null, null, true);
            var response = MeasuredRules.FirstResponse(fact, context.Limits, context.Time, context.AsOfUtc);
            var resolution = MeasuredRules.Resolution(fact, context.Limits, context.Time, context.AsOfUtc);
            counts[b, 0] += response == LimitOutcome.OnTime ? 1 : 0;
            counts[b, 1] += response != LimitOutcome.Pending ? 1 : 0;
            counts[b, 2] += resolution == LimitOutcome.OnTime ? 1 : 0;
            counts[b, 3] += resolution != LimitOutcome.Pending ? 1 : 0;
        }

        return Enumerable.Range(0, buckets.Count).Select(b => new OnTimeCount(b, counts[b, 0], counts[b, 1], counts[b, 2], counts[b, 3])).ToList();
    }

    private static int Index(IReadOnlyList<BucketRange> buckets, DateTime received)
    {
        for (var i = 0; i < buckets.Count - 1; i++)
        {
            if (received < buckets[i].EndUtc)
            {
                return i;
            }
        }

        return buckets.Count - 1;
    }

    private static async Task<(DurationDistribution Response, DurationDistribution Resolution)> DurationsAsync(
        IQueryable<ServiceRecord> inPeriod, DateTime asOf, CancellationToken cancellationToken)
    {
        var response = new List<double>();
        var resolution = new List<double>();
        var rows = inPeriod.Where(r => (r.FirstResponseAt != null && r.FirstResponseAt <= asOf) || (r.ResolvedAt != null && r.ResolvedAt <= asOf))
            .Select(r => new { r.ReceivedAt, r.FirstResponseAt, r.ResolvedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken);
        await foreach (var r in rows)
        {
            if (r.FirstResponseAt is { } answered && answered <= asOf)
            {
                response.Add((answered - r.ReceivedAt!.Value).TotalHours);
            }

            if (r.ResolvedAt is { } resolved && resolved <= asOf)
            {
                resolution.Add((resolved - r.ReceivedAt!.Value).TotalHours);
            }
        }

        return (Distribution(response), Distribution(resolution));
    }

    /// <summary>Median and 90th percentile by linear interpolation between closest ranks (Excel's PERCENTILE.INC).</summary>
    public static DurationDistribution Distribution(List<double> hours)
    {
        var edges = StatisticsReport.DurationEdgesHours;
        var histogram = new int[edges.Count + 1];
        foreach (var h in hours)
        {
            var bin = 0;
            while (bin < edges.Count && h > edges[bin])
            {
                bin++;
            }

            histogram[bin]++;
        }

        if (hours.Count == 0)
        {
            return new DurationDistribution(0, null, null, histogram);
        }

        hours.Sort();
        return new DurationDistribution(hours.Count, Percentile(hours, 0.5), Percentile(hours, 0.9), histogram);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>Open records (neither resolved nor closed) as of the moment, whenever received, by age.</summary>
    private async Task<IReadOnlyList<int>> BacklogAsync(List<int> teamIds, DateTime asOf, CancellationToken cancellationToken)
    {
        var edges = StatisticsReport.BacklogEdgesDays;
        var r = Expression.Parameter(typeof(ServiceRecord), "r");
        var received = Expression.Property(r, nameof(ServiceRecord.ReceivedAt));
        Expression body = Expression.Constant(edges.Count);
        for (var i = edges.Count - 1; i >= 0; i--)
        {
            var cut = Expression.Constant((DateTime?)asOf.AddDays(-edges[i]), typeof(DateTime?));
            body = Expression.Condition(Expression.GreaterThan(received, cut), Expression.Constant(i), body);
        }

        var age = Expression.Lambda<Func<ServiceRecord, int>>(body, r);
        var open = db.ServiceRecords.AsNoTracking().Where(x => teamIds.Contains(x.TeamId) && x.ReceivedAt <= asOf
            && (x.ResolvedAt == null || x.ResolvedAt > asOf) && (x.ClosedAt == null || x.ClosedAt > asOf));
        var rows = await open.Select(Project(age, x => new Slim())).GroupBy(s => s.Bucket)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enumerable.Range(0, edges.Count + 1).Select(i => rows.Where(x => x.Key == i).Sum(x => x.Count)).ToList();
    }

    /// <summary>A narrow projection the queries group on (never materialised as an entity).</summary>
    private sealed class Slim
    {
        public int Bucket { get; init; }

        public ServiceRequestType? Type { get; init; }

        public ServiceChannel? Channel { get; init; }

        public bool A { get; init; }

        public bool B { get; init; }

        public bool C { get; init; }

        public bool D { get; init; }
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
