namespace ServiceReview.Core.Plans;

/// <summary>
/// Which indicator of a plan version each measured metric fills (系统计算): the first in plan order bound to it.
/// Plans are edited and versioned, so the codes come from here, never from a literal outside the default plan.
/// </summary>
public static class MeasuredIndicators
{
    /// <summary>The indicator bound to each metric the plan measures; a metric the plan does not measure is absent.</summary>
    public static IReadOnlyDictionary<MeasuredMetric, Indicator> Of(PlanVersion plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var bound = new Dictionary<MeasuredMetric, Indicator>();
        foreach (var indicator in plan.IndicatorsInOrder())
        {
            if (indicator.Measure is { } metric)
            {
                bound.TryAdd(metric, indicator);
            }
        }

        return bound;
    }
}
