namespace ServiceReview.Core.Scoring;

/// <summary>The one rounding of the product: one decimal, half away from zero (12.25 → 12.3, not 12.2).</summary>
public static class ScoreRounding
{
    public static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;
}
