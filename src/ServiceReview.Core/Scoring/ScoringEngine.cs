using System.Collections.Frozen;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Scoring;

/// <summary>
/// Scores one inspection against a plan version: indicator points → category scores → total → veto → grade
/// (scoring.md). Pure and deterministic; rounding happens once, at the end.
/// </summary>
public static class ScoringEngine
{
    private static readonly FrozenDictionary<RuleKind, IScoringRule> Rules =
        new IScoringRule[] { new RatingRule(), new CheckRule(), new DeductionRule(), new BandsRule() }
            .ToFrozenDictionary(r => r.Kind);

    public static IScoringRule RuleFor(RuleKind kind) => Rules[kind];

    /// <summary>
    /// Scores <paramref name="inputs"/> (keyed by indicator code) against <paramref name="plan"/>. Indicators without
    /// input are listed in <see cref="ScoreResult.Missing"/> and scored as if N/A. Throws <c>Plan.Invalid</c> for a
    /// plan that does not validate, <c>Scoring.UnknownIndicator</c> for a code the plan lacks, and the input errors
    /// of the rules.
    /// </summary>
    public static ScoreResult Score(PlanVersion plan, IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(inputs);

        var problems = plan.Validate();
        if (problems.Count > 0)
        {
            throw new PlanValidationException(problems);
        }

        var unknown = inputs.Keys.Where(k => plan.FindIndicator(k) is null).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw UnknownIndicator(plan, unknown).ToException();
        }

        var points = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var missing = new List<string>();
        var missingEvidence = new List<string>();
        string? vetoedBy = null;
        var categories = new List<CategoryScore>();
        var scoreSum = 0m;
        var weightSum = 0m;

        foreach (var category in plan.CategoriesInOrder())
        {
            var earned = 0m;
            var possible = 0m;
            foreach (var indicator in category.IndicatorsInOrder())
            {
                var input = inputs.GetValueOrDefault(indicator.Code);
                var (indicatorPoints, needsEvidence) = ScoreIndicator(indicator, input);
                points[indicator.Code] = indicatorPoints;

                if (input is null || input.IsEmpty)
                {
                    missing.Add(indicator.Code);
                }
                else if (needsEvidence && string.IsNullOrWhiteSpace(input.Note))
                {
                    missingEvidence.Add(indicator.Code);
                }

                if (indicatorPoints is { } p)
                {
                    earned += p;
                    possible += indicator.Max;
                    if (indicator.Critical && p == 0m)
                    {
                        vetoedBy ??= indicator.Code;
                    }
                }
            }

            if (possible == 0m)
            {
                categories.Add(new CategoryScore(category.Code, category.Name, category.Weight, null, Excluded: true));
                continue;
            }

            var score = category.Weight * earned / possible;
            scoreSum += score;
            weightSum += category.Weight;
            categories.Add(new CategoryScore(category.Code, category.Name, category.Weight, ScoreRounding.Round(score), Excluded: false));
        }

        var nothingApplicable = weightSum == 0m;
        var totalBeforeVeto = nothingApplicable ? 0m : ScoreRounding.Round(100m * scoreSum / weightSum);
        var vetoed = vetoedBy is not null;

        return new ScoreResult
        {
            Categories = categories,
            Total = vetoed ? 0m : totalBeforeVeto,
            TotalBeforeVeto = totalBeforeVeto,
            Grade = vetoed || nothingApplicable ? PlanVersion.FailGrade : plan.GradeFor(totalBeforeVeto),
            VetoedBy = vetoedBy,
            Missing = missing,
            MissingEvidence = missingEvidence,
            Points = points,
            NothingApplicable = nothingApplicable,
        };
    }

    /// <summary>
    /// Whether <paramref name="input"/> fits <paramref name="indicator"/>: null when it does (an empty input fits: it is
    /// not scored yet), else the refusal the engine would throw for it — one kind of input, N/A only where allowed, and
    /// the rule's own checks (<see cref="IScoringRule.Check"/>). Pure and cheap: the plan is not validated, so a form can
    /// check each input on every keystroke.
    /// </summary>
    public static InputRefusal? Check(Indicator indicator, IndicatorInput input)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(input);
        if (input.IsEmpty)
        {
            return null;
        }

        if (input.NotApplicable)
        {
            return InputErrors.OnlyKind(indicator, input, "na")
                ?? (indicator.NaAllowed
                    ? null
                    : new InputRefusal(
                        "Scoring.NotApplicableNotAllowed",
                        $"Indicator '{indicator.Code}' cannot be marked not applicable.",
                        [indicator.Code]));
        }

        return Rules[indicator.Kind].Check(indicator, input);
    }

    /// <summary>
    /// Every refusal among <paramref name="inputs"/> (keyed by indicator code), in the inputs' order: a code the plan
    /// lacks (<c>Scoring.UnknownIndicator</c>) or an input that does not fit (<see cref="Check(Indicator, IndicatorInput)"/>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, InputRefusal>> Check(PlanVersion plan, IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(inputs);
        var refusals = new List<KeyValuePair<string, InputRefusal>>();
        foreach (var (code, input) in inputs)
        {
            var refusal = plan.FindIndicator(code) is { } indicator ? Check(indicator, input) : UnknownIndicator(plan, code);
            if (refusal is not null)
            {
                refusals.Add(new(code, refusal));
            }
        }

        return refusals;
    }

    private static InputRefusal UnknownIndicator(PlanVersion plan, string code) =>
        new("Scoring.UnknownIndicator", $"Plan version {plan.Number} has no indicator '{code}'.", [code]);

    private static (decimal? Points, bool NeedsEvidence) ScoreIndicator(Indicator indicator, IndicatorInput? input)
    {
        if (input is null || input.IsEmpty)
        {
            return (null, false);
        }

        if (Check(indicator, input) is { } refusal)
        {
            throw refusal.ToException();
        }

        if (input.NotApplicable)
        {
            return (null, true);
        }

        var rule = Rules[indicator.Kind];
        return (rule.Points(indicator, input), rule.NeedsEvidence(indicator, input) || input.MeasuredOverridden);
    }
}
