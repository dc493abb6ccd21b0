using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>
/// An indicator's scoring rule in words for the form ("≥98 → 8 分；≥95 → 6 分…"). Points of a rating level come
/// from Core's rule, not from arithmetic here.
/// </summary>
public static class RuleText
{
    public static string Number(decimal d) => (d / 1.000000000000000000000000000000000m).ToString("0.##", CultureInfo.CurrentCulture);

    public static decimal LevelPoints(Indicator indicator, RatingLevel level) =>
        ScoringEngine.RuleFor(RuleKind.Rating).Points(indicator, new IndicatorInput { Level = level.Label });

    public static string Describe(Indicator indicator, IStringLocalizer l)
    {
        var separator = l["Inspections.Rule.Separator"].Value;
        switch (indicator.Kind)
        {
            case RuleKind.Bands:
                var key = indicator.Direction == BandDirection.LowerIsBetter ? "Inspections.Rule.BandLower" : "Inspections.Rule.BandHigher";
                var bands = indicator.Bands.Select(b => l[key, Number(b.Bound) + (indicator.Unit ?? ""), Number(b.Points)].Value);
                return string.Join(separator, bands.Append(l["Inspections.Rule.Otherwise"].Value));
            case RuleKind.Deduction:
                return l["Inspections.Rule.Deduction", Number(indicator.PerOccurrence ?? 0m), Number(indicator.Max)];
            case RuleKind.Check:
                return l["Inspections.Rule.Check", Number(indicator.Max)];
            default:
                return string.Join(separator, indicator.Levels.Select(lv => l["Inspections.Rule.Level", lv.Label, Number(LevelPoints(indicator, lv))].Value));
        }
    }
}
