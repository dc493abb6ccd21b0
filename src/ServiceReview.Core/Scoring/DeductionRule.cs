using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>扣分: max(0, max − perOccurrence × count); the points never go below 0.</summary>
public sealed class DeductionRule : IScoringRule
{
    public RuleKind Kind => RuleKind.Deduction;

    public decimal Points(Indicator indicator, IndicatorInput input)
    {
        var count = Count(indicator, input);
        return Math.Max(0m, indicator.Max - (indicator.PerOccurrence ?? 0m) * count);
    }

    public bool NeedsEvidence(Indicator indicator, IndicatorInput input) => Count(indicator, input) > 0;

    private static int Count(Indicator indicator, IndicatorInput input)
    {
        InputErrors.RequireOnly(indicator, input, "count");
        var count = input.Count!.Value;
        if (count < 0)
        {
            throw new DomainException(
                "Scoring.NegativeCount",
                $"Indicator '{indicator.Code}' takes a count of occurrences, 0 or more; {count} was given.",
                indicator.Code,
                count);
        }

        return count;
    }
}
