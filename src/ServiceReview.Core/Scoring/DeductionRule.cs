using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>扣分: max(0, max − perOccurrence × count); the points never go below 0.</summary>
public sealed class DeductionRule : IScoringRule
{
    public RuleKind Kind => RuleKind.Deduction;

    public InputRefusal? Check(Indicator indicator, IndicatorInput input)
    {
        if (InputErrors.OnlyKind(indicator, input, "count") is { } wrongKind)
        {
            return wrongKind;
        }

        var count = input.Count!.Value;
        return count < 0
            ? new InputRefusal(
                "Scoring.NegativeCount",
                $"Indicator '{indicator.Code}' takes a count of occurrences, 0 or more; {count} was given.",
                [indicator.Code, count])
            : null;
    }

    public decimal Points(Indicator indicator, IndicatorInput input)
    {
        var count = Count(indicator, input);
        return Math.Max(0m, indicator.Max - (indicator.PerOccurrence ?? 0m) * count);
    }

    public bool NeedsEvidence(Indicator indicator, IndicatorInput input) => Count(indicator, input) > 0;

    private int Count(Indicator indicator, IndicatorInput input)
    {
        InputErrors.EnsureFits(this, indicator, input);
        return input.Count!.Value;
    }
}
