using System.Globalization;

namespace ServiceReview.Core.Plans;

/// <summary>What kind of element of a plan version a <see cref="PlanDifference"/> is about.</summary>
public enum PlanElement
{
    Plan,
    Category,
    Indicator,
}

/// <summary>Whether an element was added, removed or changed from the older version to the newer.</summary>
public enum PlanChange
{
    Added,
    Removed,
    Changed,
}

/// <summary>One field of a changed element: its value in the older and in the newer version (invariant text).</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>One element that differs between two versions. Categories and indicators are matched by code.</summary>
public sealed record PlanDifference(PlanElement Element, PlanChange Change, string Code, string Name, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// Compares two plan versions element by element (grade bounds, categories, indicators), matching categories and
/// indicators by code. Two versions with no differences define the same plan: they score every input alike.
/// </summary>
public static class PlanComparer
{
    /// <summary>Field names, stable: the UI translates them (Plans.Field.{name}).</summary>
    public static class Fields
    {
        public const string Name = "Name";
        public const string GradeBounds = "GradeBounds";
        public const string Weight = "Weight";
        public const string Position = "Position";
        public const string Category = "Category";
        public const string Standard = "Standard";
        public const string Kind = "Kind";
        public const string Max = "Max";
        public const string NaAllowed = "NaAllowed";
        public const string Critical = "Critical";
        public const string Measure = "Measure";
        public const string Parameters = "Parameters";
        public const string Unit = "Unit";
        public const string ValueRange = "ValueRange";
    }

    public static IReadOnlyList<PlanDifference> Compare(PlanVersion older, PlanVersion newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var differences = new List<PlanDifference>();

        var planFields = new List<FieldChange>();
        AddIfDifferent(planFields, Fields.GradeBounds, FormatGradeBounds(older.GradeBounds), FormatGradeBounds(newer.GradeBounds));
        if (planFields.Count > 0)
        {
            differences.Add(new(PlanElement.Plan, PlanChange.Changed, "", newer.Name, planFields));
        }

        var oldCategories = older.CategoriesInOrder().ToList();
        var newCategories = newer.CategoriesInOrder().ToList();
        foreach (var category in newCategories)
        {
            var before = oldCategories.FirstOrDefault(c => c.Code == category.Code);
            if (before is null)
            {
                differences.Add(new(PlanElement.Category, PlanChange.Added, category.Code, category.Name, []));
                continue;
            }

            var fields = new List<FieldChange>();
            AddIfDifferent(fields, Fields.Name, before.Name, category.Name);
            AddIfDifferent(fields, Fields.Weight, Number(before.Weight), Number(category.Weight));
            AddIfDifferent(fields, Fields.Position, Position(oldCategories.IndexOf(before)), Position(newCategories.IndexOf(category)));
            if (fields.Count > 0)
            {
                differences.Add(new(PlanElement.Category, PlanChange.Changed, category.Code, category.Name, fields));
            }
        }

        differences.AddRange(oldCategories
            .Where(c => newCategories.All(n => n.Code != c.Code))
            .Select(c => new PlanDifference(PlanElement.Category, PlanChange.Removed, c.Code, c.Name, [])));

        var oldIndicators = IndicatorsWithPlace(older);
        var newIndicators = IndicatorsWithPlace(newer);
        foreach (var (indicator, category, position) in newIndicators)
        {
            var match = oldIndicators.FirstOrDefault(o => o.Indicator.Code == indicator.Code);
            if (match.Indicator is null)
            {
                differences.Add(new(PlanElement.Indicator, PlanChange.Added, indicator.Code, indicator.Name, []));
                continue;
            }

            var fields = CompareIndicators(match.Indicator, indicator);
            AddIfDifferent(fields, Fields.Category, match.Category, category);
            AddIfDifferent(fields, Fields.Position, Position(match.Position), Position(position));
            if (fields.Count > 0)
            {
                differences.Add(new(PlanElement.Indicator, PlanChange.Changed, indicator.Code, indicator.Name, fields));
            }
        }

        differences.AddRange(oldIndicators
            .Where(o => newIndicators.All(n => n.Indicator.Code != o.Indicator.Code))
            .Select(o => new PlanDifference(PlanElement.Indicator, PlanChange.Removed, o.Indicator.Code, o.Indicator.Name, [])));

        return differences;
    }

    /// <summary>The rule's parameters as one line: levels, deduction step or bands (the same text as the Excel workbook).</summary>
    public static string FormatParameters(Indicator indicator) => IndicatorParameters.Format(indicator);

    private static List<FieldChange> CompareIndicators(Indicator a, Indicator b)
    {
        var fields = new List<FieldChange>();
        AddIfDifferent(fields, Fields.Name, a.Name, b.Name);
        AddIfDifferent(fields, Fields.Standard, a.Standard, b.Standard);
        AddIfDifferent(fields, Fields.Kind, a.Kind.ToString(), b.Kind.ToString());
        AddIfDifferent(fields, Fields.Max, Number(a.Max), Number(b.Max));
        AddIfDifferent(fields, Fields.NaAllowed, a.NaAllowed.ToString(), b.NaAllowed.ToString());
        AddIfDifferent(fields, Fields.Critical, a.Critical.ToString(), b.Critical.ToString());
        AddIfDifferent(fields, Fields.Measure, a.Measure?.ToString(), b.Measure?.ToString());
        AddIfDifferent(fields, Fields.Parameters, IndicatorParameters.Format(a), IndicatorParameters.Format(b));
        AddIfDifferent(fields, Fields.Unit, a.Unit, b.Unit);
        AddIfDifferent(fields, Fields.ValueRange, Range(a), Range(b));
        return fields;
    }

    private static List<(Indicator Indicator, string Category, int Position)> IndicatorsWithPlace(PlanVersion version) =>
        [.. version.CategoriesInOrder().SelectMany(c => c.IndicatorsInOrder().Select((i, n) => (i, c.Code, n)))];

    private static void AddIfDifferent(List<FieldChange> fields, string field, string? old, string? @new)
    {
        if (!string.Equals(old ?? "", @new ?? "", StringComparison.Ordinal))
        {
            fields.Add(new(field, old, @new));
        }
    }

    private static string FormatGradeBounds(IEnumerable<GradeBound> bounds) =>
        string.Join("; ", bounds.Select(b => b.EnglishLabel is null ? $"{b.Grade} ≥ {Number(b.Min)}" : $"{b.Grade} ({b.EnglishLabel}) ≥ {Number(b.Min)}"));

    private static string? Range(Indicator indicator) =>
        indicator.MinValue is null && indicator.MaxValue is null
            ? null
            : $"{(indicator.MinValue is { } min ? Number(min) : "")}–{(indicator.MaxValue is { } max ? Number(max) : "")}";

    private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    internal static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
