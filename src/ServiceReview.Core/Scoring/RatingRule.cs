using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>等级评分: points = max × the chosen level's fraction.</summary>
public sealed class RatingRule : IScoringRule
{
    public RuleKind Kind => RuleKind.Rating;

    public decimal Points(Indicator indicator, IndicatorInput input) => indicator.Max * Level(indicator, input).Fraction;

    /// <summary>The highest and the lowest level (by fraction) need a note: they are where inflation and deflation show.</summary>
    public bool NeedsEvidence(Indicator indicator, IndicatorInput input)
    {
        var level = Level(indicator, input);
        return level.Fraction == indicator.Levels.Max(l => l.Fraction)
            || level.Fraction == indicator.Levels.Min(l => l.Fraction);
    }

    private static RatingLevel Level(Indicator indicator, IndicatorInput input)
    {
        InputErrors.RequireOnly(indicator, input, "level");
        return indicator.FindLevel(input.Level!)
            ?? throw new DomainException(
                "Scoring.UnknownLevel",
                $"Indicator '{indicator.Code}' has no level '{input.Level}'; its levels are {string.Join(", ", indicator.Levels.Select(l => l.Label))}.",
                indicator.Code,
                input.Level);
    }
}
