using System.Linq.Expressions;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>
/// The rules of <see cref="MeasuredRules"/> for calendar hours, as expressions that EF Core translates to SQL on every
/// provider. Only timestamps are compared; the limit is added to a column with <c>AddSeconds</c>, and "the limit has
/// elapsed at the as-of moment" becomes "the start is earlier than as-of − limit", a parameter.
/// A test checks these against <see cref="MeasuredCounts.Tally"/> on the same records.
/// </summary>
internal sealed class RecordPredicates(MeasuredContext context)
{
    private readonly DateTime _asOf = context.AsOfUtc;
    private readonly double _response = WorkingTime.LimitSeconds(context.Limits.FirstResponseHours);
    private readonly double _resolution = WorkingTime.LimitSeconds(context.Limits.ResolutionHours);
    private readonly double _archive = WorkingTime.LimitSeconds(context.Limits.ArchiveHours);
    private readonly DateTime _responseCut = context.AsOfUtc.AddSeconds(-WorkingTime.LimitSeconds(context.Limits.FirstResponseHours));
    private readonly DateTime _resolutionCut = context.AsOfUtc.AddSeconds(-WorkingTime.LimitSeconds(context.Limits.ResolutionHours));
    private readonly DateTime _archiveCut = context.AsOfUtc.AddSeconds(-WorkingTime.LimitSeconds(context.Limits.ArchiveHours));

    public Expression<Func<Core.ServiceRecords.ServiceRecord, bool>> For(RecordSlice slice)
    {
        var asOf = _asOf;
        var response = _response;
        var resolution = _resolution;
        var archive = _archive;
        var responseCut = _responseCut;
        var resolutionCut = _resolutionCut;
        var archiveCut = _archiveCut;
        return slice switch
        {
            RecordSlice.All => r => true,
            RecordSlice.Complete => r =>
                r.TicketId != "" && r.Customer != null && r.Channel != null && r.Type != null && r.Summary != null && r.Handler != null
                && r.FirstResponseAt != null && r.FirstResponseAt <= asOf
                && (r.ClosedAt == null || r.ClosedAt > asOf
                    || (r.ResolvedAt != null && r.ResolvedAt <= asOf && r.ArchivedAt != null && r.ArchivedAt <= asOf)),
            RecordSlice.Incomplete => r => !(
                r.TicketId != "" && r.Customer != null && r.Channel != null && r.Type != null && r.Summary != null && r.Handler != null
                && r.FirstResponseAt != null && r.FirstResponseAt <= asOf
                && (r.ClosedAt == null || r.ClosedAt > asOf
                    || (r.ResolvedAt != null && r.ResolvedAt <= asOf && r.ArchivedAt != null && r.ArchivedAt <= asOf))),
            RecordSlice.LateArchive => r =>
                r.ClosedAt != null && r.ClosedAt <= asOf
                && ((r.ArchivedAt != null && r.ArchivedAt <= asOf && r.ArchivedAt > r.ClosedAt.Value.AddSeconds(archive))
                    || ((r.ArchivedAt == null || r.ArchivedAt > asOf) && r.ClosedAt < archiveCut)),
            RecordSlice.ResponseOnTime => r =>
                r.FirstResponseAt != null && r.FirstResponseAt <= asOf && r.FirstResponseAt <= r.ReceivedAt!.Value.AddSeconds(response),
            RecordSlice.ResponseLate => r =>
                (r.FirstResponseAt != null && r.FirstResponseAt <= asOf && r.FirstResponseAt > r.ReceivedAt!.Value.AddSeconds(response))
                || ((r.FirstResponseAt == null || r.FirstResponseAt > asOf) && r.ReceivedAt < responseCut),
            RecordSlice.ResponseJudged => r => (r.FirstResponseAt != null && r.FirstResponseAt <= asOf) || r.ReceivedAt < responseCut,
            RecordSlice.ResolvedOnTime => r =>
                r.ResolvedAt != null && r.ResolvedAt <= asOf && r.ResolvedAt <= r.ReceivedAt!.Value.AddSeconds(resolution),
            RecordSlice.ResolutionLate => r =>
                (r.ResolvedAt != null && r.ResolvedAt <= asOf && r.ResolvedAt > r.ReceivedAt!.Value.AddSeconds(resolution))
                || ((r.ResolvedAt == null || r.ResolvedAt > asOf) && r.ReceivedAt < resolutionCut),
            RecordSlice.ResolutionJudged => r => (r.ResolvedAt != null && r.ResolvedAt <= asOf) || r.ReceivedAt < resolutionCut,
            RecordSlice.Resolved => r => r.ResolvedAt != null && r.ResolvedAt <= asOf,
            RecordSlice.FirstContact => r => r.ResolvedAt != null && r.ResolvedAt <= asOf && r.ResolvedAtFirstContact == true,
            RecordSlice.NotFirstContact => r => r.ResolvedAt != null && r.ResolvedAt <= asOf && r.ResolvedAtFirstContact != true,
            _ => throw new ArgumentOutOfRangeException(nameof(slice), slice, null),
        };
    }

    /// <summary>The same slice judged in .NET with <see cref="MeasuredRules"/> (any way of counting time).</summary>
    public static bool Matches(RecordSlice slice, RecordFacts r, MeasuredContext c) => slice switch
    {
        RecordSlice.All => true,
        RecordSlice.Complete => MeasuredRules.IsComplete(r, c.AsOfUtc),
        RecordSlice.Incomplete => !MeasuredRules.IsComplete(r, c.AsOfUtc),
        RecordSlice.LateArchive => MeasuredRules.IsLateArchive(r, c.Limits, c.Time, c.AsOfUtc),
        RecordSlice.ResponseOnTime => MeasuredRules.FirstResponse(r, c.Limits, c.Time, c.AsOfUtc) == LimitOutcome.OnTime,
        RecordSlice.ResponseLate => MeasuredRules.FirstResponse(r, c.Limits, c.Time, c.AsOfUtc) == LimitOutcome.Late,
        RecordSlice.ResponseJudged => MeasuredRules.FirstResponse(r, c.Limits, c.Time, c.AsOfUtc) != LimitOutcome.Pending,
        RecordSlice.ResolvedOnTime => MeasuredRules.Resolution(r, c.Limits, c.Time, c.AsOfUtc) == LimitOutcome.OnTime,
        RecordSlice.ResolutionLate => MeasuredRules.Resolution(r, c.Limits, c.Time, c.AsOfUtc) == LimitOutcome.Late,
        RecordSlice.ResolutionJudged => MeasuredRules.Resolution(r, c.Limits, c.Time, c.AsOfUtc) != LimitOutcome.Pending,
        RecordSlice.Resolved => MeasuredRules.IsResolved(r, c.AsOfUtc),
        RecordSlice.FirstContact => MeasuredRules.IsFirstContactResolution(r, c.AsOfUtc),
        RecordSlice.NotFirstContact => MeasuredRules.IsResolved(r, c.AsOfUtc) && !MeasuredRules.IsFirstContactResolution(r, c.AsOfUtc),
        _ => throw new ArgumentOutOfRangeException(nameof(slice), slice, null),
    };
}
