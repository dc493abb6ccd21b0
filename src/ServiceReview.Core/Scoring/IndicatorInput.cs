namespace ServiceReview.Core.Scoring;

/// <summary>
/// What an inspector entered for one indicator. Exactly one of <see cref="Value"/> (Bands), <see cref="Count"/>
/// (Deduction), <see cref="Pass"/> (Check), <see cref="Level"/> (Rating, by the level's label) or
/// <see cref="NotApplicable"/> is set; an input with none of them is "missing" (not scored yet).
/// <see cref="MeasuredOverridden"/> is true when a measured value was replaced by the inspector (needs a note).
/// </summary>
public sealed record IndicatorInput
{
    public decimal? Value { get; init; }

    public int? Count { get; init; }

    public bool? Pass { get; init; }

    public string? Level { get; init; }

    public bool NotApplicable { get; init; }

    public string? Note { get; init; }

    public bool MeasuredOverridden { get; init; }

    public bool IsEmpty => Value is null && Count is null && Pass is null && Level is null && !NotApplicable;
}
