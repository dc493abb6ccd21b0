using System.Globalization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>
/// 区间: the first band whose bound the value meets gives its points (higher-is-better: value ≥ bound;
/// lower-is-better: value ≤ bound); none → 0. The value is judged as given: measured percentages arrive
/// already rounded to one decimal, which is the figure the inspector sees.
/// </summary>
public sealed class BandsRule : IScoringRule
{
    public RuleKind Kind => RuleKind.Bands;

    public decimal Points(Indicator indicator, IndicatorInput input)
    {
        var value = Value(indicator, input);
        var lowerIsBetter = indicator.Direction == BandDirection.LowerIsBetter;
        foreach (var band in indicator.Bands)
        {
            if (lowerIsBetter ? value <= band.Bound : value >= band.Bound)
            {
                return band.Points;
            }
        }

        return 0m;
    }

    public bool NeedsEvidence(Indicator indicator, IndicatorInput input)
    {
        Value(indicator, input);
        return false;
    }

    private static decimal Value(Indicator indicator, IndicatorInput input)
    {
        InputErrors.RequireOnly(indicator, input, "value");
        var value = input.Value!.Value;
        if (value < indicator.MinValue || value > indicator.MaxValue)
        {
            throw new DomainException(
                "Scoring.ValueOutOfRange",
                $"Indicator '{indicator.Code}' takes a value from {indicator.MinValue?.ToString(CultureInfo.InvariantCulture) ?? "−∞"} to {indicator.MaxValue?.ToString(CultureInfo.InvariantCulture) ?? "∞"}{indicator.Unit}; {value} was given.",
                indicator.Code,
                value,
                indicator.MinValue,
                indicator.MaxValue);
        }

        return value;
    }
}
