namespace ServiceReview.Core.Rounds;

/// <summary>How a team's round score is made from its confirmed inspection totals.</summary>
public enum AggregationMethod
{
    /// <summary>Mean of all confirmed totals.</summary>
    Mean,

    /// <summary>With three or more confirmed totals, drop one highest and one lowest first (去掉一个最高分和一个最低分).</summary>
    TrimmedMean,
}
