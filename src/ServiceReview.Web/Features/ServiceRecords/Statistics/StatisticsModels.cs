using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Web.Features.ServiceRecords.Statistics;

/// <summary>How the period is cut for the charts over time.</summary>
public enum StatisticsBucket
{
    /// <summary>ISO weeks (Monday to Sunday), clipped to the period.</summary>
    Week,

    /// <summary>Calendar months, clipped to the period.</summary>
    Month,
}

/// <summary>What to count: the teams (already checked against the user's access), the period and the bucket size.</summary>
public sealed record StatisticsQuery(IReadOnlyList<int> TeamIds, DateOnly From, DateOnly To, StatisticsBucket Bucket, DateTime AsOfUtc);

/// <summary>One bucket of the period: its first and last day (local) and its instants.</summary>
public sealed record BucketRange(DateOnly First, DateOnly Last, DateTime StartUtc, DateTime EndUtc);

/// <summary>Records received in a bucket, by type and channel (null: the record does not say).</summary>
public sealed record VolumeCount(int Bucket, ServiceRequestType? Type, ServiceChannel? Channel, int Count);

/// <summary>The on-time counts of a bucket, with the project's limits and the same rules as the measured metrics FirstResponseOnTime and ResolvedOnTime.</summary>
public sealed record OnTimeCount(int Bucket, int RespondedOnTime, int ResponseJudged, int ResolvedOnTime, int ResolutionJudged)
{
    public decimal? ResponseRate => MeasuredCounts.Share(RespondedOnTime, ResponseJudged).Value;

    public decimal? ResolutionRate => MeasuredCounts.Share(ResolvedOnTime, ResolutionJudged).Value;
}

/// <summary>A distribution of durations in calendar hours: how many, median, 90th percentile and a histogram.</summary>
/// <param name="Histogram">Counts per bin of <see cref="StatisticsReport.DurationEdgesHours"/> (the last bin is open).</param>
public sealed record DurationDistribution(int Count, double? MedianHours, double? P90Hours, IReadOnlyList<int> Histogram);

/// <summary>A customer with two or more records in the period.</summary>
public sealed record RepeatCustomer(string Customer, int Records);

/// <summary>Everything the statistics page shows.</summary>
public sealed record StatisticsReport(
    TimeZoneInfo Zone,
    IReadOnlyList<BucketRange> Buckets,
    int Records,
    IReadOnlyList<VolumeCount> Volumes,
    IReadOnlyList<OnTimeCount> OnTime,
    DurationDistribution Response,
    DurationDistribution Resolution,
    int RepeatCustomers,
    IReadOnlyList<RepeatCustomer> TopRepeatCustomers,
    IReadOnlyList<int> Backlog)
{
    /// <summary>Upper bounds (inclusive, hours) of the duration bins: ≤1, 1–2, 2–4, 4–8, 8–24, 24–48, 48–72, &gt;72.</summary>
    public static IReadOnlyList<double> DurationEdgesHours { get; } = [1, 2, 4, 8, 24, 48, 72];

    /// <summary>Lower bounds (days) of the backlog age bins: &lt;1, 1–3, 3–7, 7–30, ≥30 days.</summary>
    public static IReadOnlyList<int> BacklogEdgesDays { get; } = [1, 3, 7, 30];

    public const int TopCustomers = 10;
}
