using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>The refusals of scoring input; every one carries the indicator code as its first argument.</summary>
internal static class InputErrors
{
    public static DomainException WrongInputKind(Indicator indicator, string expected) =>
        new(
            "Scoring.WrongInputKind",
            $"Indicator '{indicator.Code}' is scored by {indicator.Kind} and takes exactly one {expected} (or N/A).",
            indicator.Code,
            indicator.Kind.ToString(),
            expected);

    /// <summary>Refuses an input that sets anything besides the one field <paramref name="expected"/> names.</summary>
    public static void RequireOnly(Indicator indicator, IndicatorInput input, string expected)
    {
        var given = input.GivenKinds();
        if (given.Count != 1 || given[0] != expected)
        {
            throw WrongInputKind(indicator, expected);
        }
    }
}
