using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>等级评分: points = max × the chosen level's fraction.</summary>
public sealed class RatingRule : IScoringRule
{
    public RuleKind Kind => RuleKind.Rating;

    public InputRefusal? Check(Indicator indicator, IndicatorInput input)
    {
        if (InputErrors.OnlyKind(indicator, input, "level") is { } wrongKind)
        {
            return wrongKind;
        }

        return indicator.FindLevel(input.Level!) is null
            ? new InputRefusal(
                "Scoring.UnknownLevel",
                $"Indicator '{indicator.Code}' has no level '{input.Level}'; its levels are {string.Join(", ", indicator.Levels.Select(l => l.Label))}.",
                [indicator.Code, input.Level])
            : null;
    }

    public decimal Points(Indicator indicator, IndicatorInput input) => indicator.Max * Level(indicator, input).Fraction;

    /// <summary>The highest and the lowest level (by fraction) need a note: they are where inflation and deflation show.</summary>
    public bool NeedsEvidence(Indicator indicator, IndicatorInput input)
    {
        var level = Level(indicator, input);
        return level.Fraction == indicator.Levels.Max(l => l.Fraction)
            || level.Fraction == indicator.Levels.Min(l => l.Fraction);
    }

    private RatingLevel Level(Indicator indicator, IndicatorInput input)
    {
        InputErrors.EnsureFits(this, indicator, input);
        return indicator.FindLevel(input.Level!)!;
    }
}
