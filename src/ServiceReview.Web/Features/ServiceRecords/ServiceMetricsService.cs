using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>
/// Computes the measured figures of scoring.md for a team and period, as of a moment. With calendar hours (the
/// default) the database does the counting: one grouped query with a conditional COUNT per figure, over the
/// (TeamId, ReceivedAt) index. With a working calendar SQL cannot express working time, so only the seven needed
/// columns of that team's period records are streamed and judged by <see cref="MeasuredRules"/>; never the whole table.
/// </summary>
public sealed class ServiceMetricsService(ServiceReviewDbContext db, PlanVersionCache plans) : IMeasuredFigures
{
    private static readonly MethodInfo CountWithPredicate = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 2)
        .MakeGenericMethod(typeof(ServiceRecord));

    public async Task<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>> ComputeAsync(int teamId, DateOnly periodStart, DateOnly periodEnd, DateTime asOfUtc, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(teamId, periodStart, periodEnd, asOfUtc, cancellationToken)
            ?? throw new InvalidOperationException($"Team {teamId} does not exist.");
        return (await CountAsync(context, cancellationToken)).ToFigures();
    }

    /// <summary>The team's project settings for the period; null when the team does not exist.</summary>
    public async Task<MeasuredContext?> ContextAsync(int teamId, DateOnly periodStart, DateOnly periodEnd, DateTime asOfUtc, CancellationToken cancellationToken)
    {
        var project = await db.Teams.AsNoTracking()
            .Where(t => t.Id == teamId)
            .Join(db.Projects.AsNoTracking(), t => t.ProjectId, p => p.Id, (t, p) => p)
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }

        var zone = ServicePeriod.FindZone(project.TimeZoneId);
        return new MeasuredContext(teamId, ServicePeriod.Of(periodStart, periodEnd, zone), asOfUtc, project.Limits, new WorkingTime(project.Calendar, zone), zone);
    }

    /// <summary>
    /// The indicators the team's figures fill, by metric (<see cref="MeasuredIndicators"/>), in the plan version of the
    /// latest round that includes the team, else in the latest published version; empty when there is neither.
    /// </summary>
    public async Task<IReadOnlyDictionary<MeasuredMetric, Indicator>> IndicatorsOfTeamAsync(int teamId, CancellationToken cancellationToken)
    {
        var versionId = await db.Rounds.AsNoTracking()
            .Where(r => r.Teams.Any(t => t.TeamId == teamId))
            .OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Id)
            .Select(r => (int?)r.PlanVersionId)
            .FirstOrDefaultAsync(cancellationToken)
            ?? await db.PlanVersions.AsNoTracking()
                .Where(v => v.Status == PlanVersionStatus.Published)
                .OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id)
                .Select(v => (int?)v.Id)
                .FirstOrDefaultAsync(cancellationToken);
        return versionId is { } id
            ? MeasuredIndicators.Of(await plans.GetAsync(db, id, cancellationToken))
            : new Dictionary<MeasuredMetric, Indicator>();
    }

    /// <summary>The team's records received in the period, no later than the as-of moment.</summary>
    public IQueryable<ServiceRecord> InPeriod(MeasuredContext c)
    {
        var (start, end, asOf) = (c.Period.StartUtc, c.Period.EndUtc, c.AsOfUtc);
        return db.ServiceRecords.AsNoTracking()
            .Where(r => r.TeamId == c.TeamId && r.ReceivedAt >= start && r.ReceivedAt < end && r.ReceivedAt <= asOf);
    }

    public async Task<MeasuredCounts> CountAsync(MeasuredContext c, CancellationToken cancellationToken)
    {
        if (!c.InDatabase)
        {
            var facts = new List<RecordFacts>();
            await foreach (var (_, f) in StreamFactsAsync(c, cancellationToken))
            {
                facts.Add(f);
            }

            return MeasuredCounts.Tally(facts, c.Limits, c.Time, c.AsOfUtc);
        }

        var predicates = new RecordPredicates(c);
        var group = Expression.Parameter(typeof(IGrouping<int, ServiceRecord>), "g");
        MemberAssignment Count(string property, RecordSlice slice) =>
            Expression.Bind(typeof(MeasuredCounts).GetProperty(property)!, Expression.Call(CountWithPredicate, group, predicates.For(slice)));
        var selector = Expression.Lambda<Func<IGrouping<int, ServiceRecord>, MeasuredCounts>>(
            Expression.MemberInit(
                Expression.New(typeof(MeasuredCounts)),
                Count(nameof(MeasuredCounts.Records), RecordSlice.All),
                Count(nameof(MeasuredCounts.Complete), RecordSlice.Complete),
                Count(nameof(MeasuredCounts.LateArchives), RecordSlice.LateArchive),
                Count(nameof(MeasuredCounts.RespondedOnTime), RecordSlice.ResponseOnTime),
                Count(nameof(MeasuredCounts.ResponseJudged), RecordSlice.ResponseJudged),
                Count(nameof(MeasuredCounts.ResolvedOnTime), RecordSlice.ResolvedOnTime),
                Count(nameof(MeasuredCounts.ResolutionJudged), RecordSlice.ResolutionJudged),
                Count(nameof(MeasuredCounts.Resolved), RecordSlice.Resolved),
                Count(nameof(MeasuredCounts.FirstContactResolved), RecordSlice.FirstContact)),
            group);

        return await InPeriod(c).GroupBy(r => r.TeamId).Select(selector).FirstOrDefaultAsync(cancellationToken) ?? new MeasuredCounts();
    }

    /// <summary>The records behind a figure's numerator or denominator, as a query the caller can page and filter.</summary>
    public async Task<IQueryable<ServiceRecord>> SliceAsync(MeasuredContext c, RecordSlice slice, CancellationToken cancellationToken)
    {
        if (c.InDatabase)
        {
            return InPeriod(c).Where(new RecordPredicates(c).For(slice));
        }

        var ids = new List<int>();
        await foreach (var (id, facts) in StreamFactsAsync(c, cancellationToken))
        {
            if (RecordPredicates.Matches(slice, facts, c))
            {
                ids.Add(id);
            }
        }

        return InPeriod(c).Where(r => ids.Contains(r.Id));
    }

    private async IAsyncEnumerable<(int Id, RecordFacts Facts)> StreamFactsAsync(MeasuredContext c, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = InPeriod(c).Select(r => new
        {
            r.Id,
            r.ReceivedAt,
            r.FirstResponseAt,
            r.ResolvedAt,
            r.ClosedAt,
            r.ArchivedAt,
            r.ResolvedAtFirstContact,
            Text = r.TicketId != "" && r.Customer != null && r.Channel != null && r.Type != null && r.Summary != null && r.Handler != null,
        }).AsAsyncEnumerable().WithCancellation(cancellationToken);
        await foreach (var r in rows)
        {
            yield return (r.Id, new RecordFacts(r.ReceivedAt!.Value, r.FirstResponseAt, r.ResolvedAt, r.ClosedAt, r.ArchivedAt, r.ResolvedAtFirstContact, r.Text));
        }
    }
}
