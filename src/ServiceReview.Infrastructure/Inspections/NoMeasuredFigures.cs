using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Infrastructure.Inspections;

/// <summary>
/// Placeholder until the service-record metrics are computed: no figures, so nothing is pre-filled and the inspector
/// enters measured indicators by hand. The real implementation replaces this registration.
/// </summary>
public sealed class NoMeasuredFigures : IMeasuredFigures
{
    public Task<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>> ComputeAsync(
        int teamId, DateOnly periodStart, DateOnly periodEnd, DateTime asOfUtc, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>>(new Dictionary<MeasuredMetric, MeasuredFigure>());
}
