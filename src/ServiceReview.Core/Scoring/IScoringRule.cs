using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>How one <see cref="RuleKind"/> turns an inspector's input into points.</summary>
public interface IScoringRule
{
    RuleKind Kind { get; }

    /// <summary>
    /// Points for an input that is neither empty nor N/A. Throws a <see cref="Common.DomainException"/> whose
    /// first argument is the indicator code when the input does not fit the indicator.
    /// </summary>
    decimal Points(Indicator indicator, IndicatorInput input);

    /// <summary>Whether this input, by this rule, needs a note (top/bottom level, failed check, deduction above 0).</summary>
    bool NeedsEvidence(Indicator indicator, IndicatorInput input);
}
