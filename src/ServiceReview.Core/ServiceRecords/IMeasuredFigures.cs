using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.ServiceRecords;

/// <summary>
/// Computes the measured figures of scoring.md (系统计算) for one team over a service period, as of a moment.
/// A metric left out of the answer has no figure at all (nothing is pre-filled); a figure whose
/// <see cref="MeasuredFigure.Value"/> is null had a denominator of 0 (no service records: the indicator becomes N/A).
/// </summary>
public interface IMeasuredFigures
{
    Task<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>> ComputeAsync(
        int teamId, DateOnly periodStart, DateOnly periodEnd, DateTime asOfUtc, CancellationToken cancellationToken);
}
