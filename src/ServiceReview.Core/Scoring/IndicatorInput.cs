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

    /// <summary>The kinds of input given, by their JSON names (value, count, pass, level, na); a valid input names one.</summary>
    public IReadOnlyList<string> GivenKinds()
    {
        var given = new List<string>(1);
        if (Value is not null)
        {
            given.Add("value");
        }

        if (Count is not null)
        {
            given.Add("count");
        }

        if (Pass is not null)
        {
            given.Add("pass");
        }

        if (Level is not null)
        {
            given.Add("level");
        }

        if (NotApplicable)
        {
            given.Add("na");
        }

        return given;
    }
}
