using ServiceReview.Core.Plans;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>
/// The element ids of the checklist form (Fill.cshtml), in one place: the problem summary links to them, the page's
/// script focuses them and the tests look them up.
/// </summary>
public static class FillFieldIds
{
    /// <summary>The indicator's fieldset: <c>ind-1-2</c> for indicator 1.2.</summary>
    public static string Indicator(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return "ind-" + code.Replace('.', '-');
    }

    public static string Note(string code) => Indicator(code) + "-note";

    /// <summary>The heading of a category, which the category menu links to.</summary>
    public static string Category(string code) => "cat-" + code;

    /// <summary>
    /// The field a problem of <paramref name="indicator"/> points at: the note when the note is what is missing (the
    /// evidence rule), otherwise the input itself — the N/A box when N/A is ticked (the input is then disabled), the
    /// chosen option of a choice, else its first option.
    /// </summary>
    public static string Target(Indicator indicator, ItemForm? field, bool aboutNote)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var id = Indicator(indicator.Code);
        if (aboutNote)
        {
            return id + "-note";
        }

        if (field is { Na: true } && indicator.NaAllowed)
        {
            return id + "-na";
        }

        switch (indicator.Kind)
        {
            case RuleKind.Bands:
                return id + "-value";
            case RuleKind.Deduction:
                return id + "-count";
            case RuleKind.Check:
                return field?.Pass == "false" ? id + "-fail" : id + "-pass";
            default:
                var chosen = field?.Level is { } level
                    ? indicator.Levels.Select((l, n) => (l.Label, n)).FirstOrDefault(l => string.Equals(l.Label, level, StringComparison.Ordinal))
                    : default;
                return id + "-level-" + (chosen.Label is null ? 0 : chosen.n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
