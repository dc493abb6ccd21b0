using System.Globalization;
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

    public InputRefusal? Check(Indicator indicator, IndicatorInput input)
    {
        if (InputErrors.OnlyKind(indicator, input, "value") is { } wrongKind)
        {
            return wrongKind;
        }

        var value = input.Value!.Value;
        if (value < indicator.MinValue || value > indicator.MaxValue)
        {
            return new InputRefusal(
                "Scoring.ValueOutOfRange",
                $"Indicator '{indicator.Code}' takes a value from {indicator.MinValue?.ToString(CultureInfo.InvariantCulture) ?? "−∞"} to {indicator.MaxValue?.ToString(CultureInfo.InvariantCulture) ?? "∞"}{indicator.Unit}; {value} was given.",
                [indicator.Code, value, indicator.MinValue, indicator.MaxValue]);
        }

        return null;
    }

    public decimal Points(Indicator indicator, IndicatorInput input)
    {
        InputErrors.EnsureFits(this, indicator, input);
        var value = input.Value!.Value;
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
        InputErrors.EnsureFits(this, indicator, input);
        return false;
    }
}
