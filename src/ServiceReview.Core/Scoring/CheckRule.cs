using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>是/否: pass → max, fail → 0.</summary>
public sealed class CheckRule : IScoringRule
{
    public RuleKind Kind => RuleKind.Check;

    public InputRefusal? Check(Indicator indicator, IndicatorInput input) => InputErrors.OnlyKind(indicator, input, "pass");

    public decimal Points(Indicator indicator, IndicatorInput input) => Passed(indicator, input) ? indicator.Max : 0m;

    public bool NeedsEvidence(Indicator indicator, IndicatorInput input) => !Passed(indicator, input);

    private bool Passed(Indicator indicator, IndicatorInput input)
    {
        InputErrors.EnsureFits(this, indicator, input);
        return input.Pass!.Value;
    }
}
