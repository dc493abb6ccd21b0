using ServiceReview.Core.Common;

namespace ServiceReview.Core.Scoring;

/// <summary>
/// Why an input does not fit its indicator, as <see cref="ScoringEngine.Check(Plans.Indicator, IndicatorInput)"/> answers it: a stable code
/// (<c>Scoring.*</c>, localised like a domain error) and the arguments of its message, the indicator code first.
/// </summary>
public sealed record InputRefusal(string Code, string Message, IReadOnlyList<object?> Arguments)
{
    /// <summary>The refusal as the exception the engine throws when asked to score an input that does not fit.</summary>
    public DomainException ToException() => new(Code, Message, [.. Arguments]);
}
