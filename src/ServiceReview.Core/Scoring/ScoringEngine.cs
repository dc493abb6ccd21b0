using System.Collections.Frozen;
using ServiceReview.Core.Common;
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
            throw new DomainException("Scoring.UnknownIndicator", $"Plan version {plan.Number} has no indicator '{unknown}'.", unknown);
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

    private static (decimal? Points, bool NeedsEvidence) ScoreIndicator(Indicator indicator, IndicatorInput? input)
    {
        if (input is null || input.IsEmpty)
        {
            return (null, false);
        }

        if (input.NotApplicable)
        {
            InputErrors.RequireOnly(indicator, input, "na");
            if (!indicator.NaAllowed)
            {
                throw new DomainException(
                    "Scoring.NotApplicableNotAllowed",
                    $"Indicator '{indicator.Code}' cannot be marked not applicable.",
                    indicator.Code);
            }

            return (null, true);
        }

        var rule = Rules[indicator.Kind];
        var points = rule.Points(indicator, input);
        return (points, rule.NeedsEvidence(indicator, input) || input.MeasuredOverridden);
    }
}
