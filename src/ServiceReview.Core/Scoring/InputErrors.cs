using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>The refusals of scoring input; every one carries the indicator code as its first argument.</summary>
internal static class InputErrors
{
    public static InputRefusal WrongInputKind(Indicator indicator, string expected) =>
        new(
            "Scoring.WrongInputKind",
            $"Indicator '{indicator.Code}' is scored by {indicator.Kind} and takes exactly one {expected} (or N/A).",
            [indicator.Code, indicator.Kind.ToString(), expected]);

    /// <summary>Refuses an input that sets anything besides the one field <paramref name="expected"/> names.</summary>
    public static InputRefusal? OnlyKind(Indicator indicator, IndicatorInput input, string expected)
    {
        var given = input.GivenKinds();
        return given.Count != 1 || given[0] != expected ? WrongInputKind(indicator, expected) : null;
    }

    /// <summary>
    /// Guards a rule's points against an input that <see cref="IScoringRule.Check"/> refuses (the engine checks first;
    /// this is for a caller who did not).
    /// </summary>
    public static void EnsureFits(IScoringRule rule, Indicator indicator, IndicatorInput input)
    {
        if (rule.Check(indicator, input) is { } refusal)
        {
            throw refusal.ToException();
        }
    }
}
