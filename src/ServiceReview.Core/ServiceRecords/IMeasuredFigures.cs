using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.ServiceRecords;

/// <summary>
/// The measured figures (scoring.md, "Measured indicators") of one team over one service period, as of a moment:
/// value, numerator and denominator per metric; a figure with no denominator has a null value.
/// </summary>
public interface IMeasuredFigures
{
    Task<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>> ComputeAsync(int teamId, DateOnly periodStart, DateOnly periodEnd, DateTime asOfUtc, CancellationToken ct);
}
