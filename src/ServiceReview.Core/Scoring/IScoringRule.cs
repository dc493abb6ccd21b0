using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>How one <see cref="RuleKind"/> turns an inspector's input into points.</summary>
public interface IScoringRule
{
    RuleKind Kind { get; }

    /// <summary>
    /// Whether an input that is neither empty nor N/A fits the indicator by this rule: null when it does, else the
    /// refusal (wrong kind of input, unknown level, value out of range, negative count). Pure; throws nothing.
    /// </summary>
    InputRefusal? Check(Indicator indicator, IndicatorInput input);

    /// <summary>
    /// Points for an input that is neither empty nor N/A. Throws the <see cref="Check"/> refusal as a
    /// <see cref="Common.DomainException"/> (indicator code first) when the input does not fit the indicator.
    /// </summary>
    decimal Points(Indicator indicator, IndicatorInput input);

    /// <summary>Whether this input, by this rule, needs a note (top/bottom level, failed check, deduction above 0).</summary>
    bool NeedsEvidence(Indicator indicator, IndicatorInput input);
}
