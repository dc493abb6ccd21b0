using System.Globalization;

namespace ServiceReview.Core.Plans;

/// <summary>The checks behind <see cref="PlanVersion.Validate"/>; each problem names the category or indicator.</summary>
internal static class PlanValidator
{
    private const decimal TotalWeight = 100m;

    public static IReadOnlyList<PlanProblem> Validate(PlanVersion version)
    {
        var problems = new List<PlanProblem>();
        ValidateGradeBounds(version.GradeBounds, problems);

        var categories = version.CategoriesInOrder().ToList();
        if (categories.Count == 0)
        {
            problems.Add(new("Plan.NoCategories", "The plan has no categories."));
            return problems;
        }

        var weightSum = categories.Sum(c => c.Weight);
        if (weightSum != TotalWeight)
        {
            problems.Add(new("Plan.WeightsNot100", $"Category weights add up to {weightSum}, not 100.", weightSum));
        }

        foreach (var code in Duplicates(categories.Select(c => c.Code)))
        {
            problems.Add(new("Plan.DuplicateCategoryCode", $"More than one category has code '{code}'.", code));
        }

        foreach (var category in categories)
        {
            if (category.Weight <= 0)
            {
                problems.Add(new("Plan.CategoryWeightNotPositive", $"Category '{category.Code}' has weight {category.Weight}; it must be above 0.", category.Code, category.Weight));
            }

            if (category.Indicators.Count == 0)
            {
                problems.Add(new("Plan.CategoryWithoutIndicators", $"Category '{category.Code}' has no indicators.", category.Code));
            }
        }

        var indicators = version.IndicatorsInOrder().ToList();
        foreach (var code in Duplicates(indicators.Select(i => i.Code)))
        {
            problems.Add(new("Plan.DuplicateIndicatorCode", $"More than one indicator has code '{code}'.", code));
        }

        foreach (var indicator in indicators)
        {
            ValidateIndicator(indicator, problems);
        }

        return problems;
    }

    private static void ValidateGradeBounds(IReadOnlyList<GradeBound> bounds, List<PlanProblem> problems)
    {
        if (bounds.Count == 0)
        {
            problems.Add(new("Plan.GradeBoundsMissing", "The plan has no grade bounds."));
            return;
        }

        foreach (var bound in bounds)
        {
            if (string.IsNullOrWhiteSpace(bound.Grade))
            {
                problems.Add(new("Plan.GradeNameEmpty", $"The grade bound at {bound.Min} has no grade name.", bound.Min));
            }

            if (bound.EnglishLabel is { Length: > GradeBound.EnglishLabelMaxLength })
            {
                problems.Add(new("Plan.GradeEnglishLabelTooLong", $"The English label of grade '{bound.Grade}' is longer than {GradeBound.EnglishLabelMaxLength} characters.", bound.Grade, GradeBound.EnglishLabelMaxLength));
            }

            if (bound.Min is < 0m or > 100m)
            {
                problems.Add(new("Plan.GradeBoundOutOfRange", $"Grade '{bound.Grade}' starts at {bound.Min}; bounds must lie within 0–100.", bound.Grade, bound.Min));
            }
        }

        for (var i = 1; i < bounds.Count; i++)
        {
            if (bounds[i].Min >= bounds[i - 1].Min)
            {
                problems.Add(new("Plan.GradeBoundsOutOfOrder", "Grade bounds must be listed from the highest to the lowest, each strictly lower than the one before."));
                break;
            }
        }

        foreach (var grade in Duplicates(bounds.Select(b => b.Grade).Append(PlanVersion.FailGrade)))
        {
            problems.Add(new("Plan.DuplicateGrade", $"Grade '{grade}' appears more than once (不合格 is the grade below the last bound).", grade));
        }
    }

    private static void ValidateIndicator(Indicator indicator, List<PlanProblem> problems)
    {
        var code = indicator.Code;
        if (indicator.Max <= 0)
        {
            problems.Add(new("Plan.MaxNotPositive", $"Indicator '{code}' has max {indicator.Max}; it must be above 0.", code, indicator.Max));
        }

        switch (indicator.Kind)
        {
            case RuleKind.Rating:
                ValidateLevels(indicator, problems);
                break;
            case RuleKind.Deduction:
                if (indicator.PerOccurrence is not > 0m)
                {
                    problems.Add(new("Plan.DeductionStepNotPositive", $"Indicator '{code}' deducts {indicator.PerOccurrence?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} per occurrence; it must be above 0.", code, indicator.PerOccurrence));
                }

                break;
            case RuleKind.Bands:
                ValidateBands(indicator, problems);
                break;
            case RuleKind.Check:
            default:
                break;
        }

        if (indicator.Measure is { } measure)
        {
            var expected = measure == MeasuredMetric.LateArchives ? RuleKind.Deduction : RuleKind.Bands;
            if (indicator.Kind != expected)
            {
                problems.Add(new("Plan.MeasureKindMismatch", $"Indicator '{code}' measures {measure}, which needs a {expected} rule, not {indicator.Kind}.", code, measure.ToString(), expected.ToString()));
            }
        }
    }

    private static void ValidateLevels(Indicator indicator, List<PlanProblem> problems)
    {
        var code = indicator.Code;
        if (indicator.Levels.Count == 0)
        {
            problems.Add(new("Plan.LevelsMissing", $"Rating indicator '{code}' has no levels.", code));
            return;
        }

        foreach (var level in indicator.Levels)
        {
            if (string.IsNullOrWhiteSpace(level.Label))
            {
                problems.Add(new("Plan.LevelLabelEmpty", $"Rating indicator '{code}' has a level without a label.", code));
            }

            if (level.Fraction is < 0m or > 1m)
            {
                problems.Add(new("Plan.LevelFractionOutOfRange", $"Level '{level.Label}' of indicator '{code}' has fraction {level.Fraction}; it must lie within 0–1.", code, level.Label, level.Fraction));
            }
        }

        foreach (var label in Duplicates(indicator.Levels.Select(l => l.Label.Trim())))
        {
            problems.Add(new("Plan.DuplicateLevelLabel", $"Indicator '{code}' has more than one level labelled '{label}'.", code, label));
        }
    }

    private static void ValidateBands(Indicator indicator, List<PlanProblem> problems)
    {
        var code = indicator.Code;
        if (indicator.Direction is not { } direction)
        {
            problems.Add(new("Plan.DirectionMissing", $"Bands indicator '{code}' has no direction.", code));
            return;
        }

        if (indicator.MinValue is { } min && indicator.MaxValue is { } max && min > max)
        {
            problems.Add(new("Plan.ValueRangeInvalid", $"Indicator '{code}' accepts values from {min} to {max}; the lowest is above the highest.", code, min, max));
        }

        var bands = indicator.Bands;
        if (bands.Count == 0)
        {
            problems.Add(new("Plan.BandsMissing", $"Bands indicator '{code}' has no bands.", code));
            return;
        }

        for (var i = 1; i < bands.Count; i++)
        {
            var inOrder = direction == BandDirection.HigherIsBetter
                ? bands[i].Bound < bands[i - 1].Bound
                : bands[i].Bound > bands[i - 1].Bound;
            if (!inOrder)
            {
                var expected = direction == BandDirection.HigherIsBetter ? "descending" : "ascending";
                problems.Add(new("Plan.BandsOutOfOrder", $"Bands of indicator '{code}' must have strictly {expected} bounds ({direction}).", code, direction.ToString()));
                break;
            }
        }

        for (var i = 1; i < bands.Count; i++)
        {
            if (bands[i].Points > bands[i - 1].Points)
            {
                problems.Add(new("Plan.BandPointsOutOfOrder", $"A worse band of indicator '{code}' earns more points than a better one.", code));
                break;
            }
        }

        foreach (var band in bands)
        {
            if (band.Points > indicator.Max)
            {
                problems.Add(new("Plan.BandPointsAboveMax", $"The band at {band.Bound} of indicator '{code}' gives {band.Points} points, above the max of {indicator.Max}.", code, band.Bound, band.Points, indicator.Max));
            }

            if (band.Points < 0)
            {
                problems.Add(new("Plan.BandPointsNegative", $"The band at {band.Bound} of indicator '{code}' gives negative points.", code, band.Bound, band.Points));
            }

            if (band.Bound < indicator.MinValue || band.Bound > indicator.MaxValue)
            {
                problems.Add(new("Plan.BandOutsideValueRange", $"The band at {band.Bound} of indicator '{code}' lies outside the valid values.", code, band.Bound));
            }
        }
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}
