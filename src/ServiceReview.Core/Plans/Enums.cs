namespace ServiceReview.Core.Plans;

/// <summary>Life cycle of a plan version. Only a Draft can be edited.</summary>
public enum PlanVersionStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>How an indicator's input becomes points (得分规则).</summary>
public enum RuleKind
{
    /// <summary>等级评分: one level of the indicator's level list; points = max × level fraction.</summary>
    Rating,

    /// <summary>是/否: pass → max, fail → 0.</summary>
    Check,

    /// <summary>扣分: max(0, max − perOccurrence × count).</summary>
    Deduction,

    /// <summary>区间: the first band whose bound the value meets gives its points; none → 0.</summary>
    Bands,
}

/// <summary>A figure computed from the team's service records (系统计算).</summary>
public enum MeasuredMetric
{
    /// <summary>Share of service records complete (%).</summary>
    Complete,

    /// <summary>Count of records archived later than the archive limit.</summary>
    LateArchives,

    /// <summary>Share first answered within the response limit (%).</summary>
    FirstResponseOnTime,

    /// <summary>Share resolved within the resolution limit (%).</summary>
    ResolvedOnTime,

    /// <summary>Share of resolved records resolved at first contact (%).</summary>
    FirstContactResolution,
}

/// <summary>Which way a Bands value is better.</summary>
public enum BandDirection
{
    /// <summary>A band is met when value ≥ bound; bands are listed with bounds descending.</summary>
    HigherIsBetter,

    /// <summary>A band is met when value ≤ bound; bands are listed with bounds ascending.</summary>
    LowerIsBetter,
}
