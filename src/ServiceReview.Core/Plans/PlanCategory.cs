using ServiceReview.Core.Common;

namespace ServiceReview.Core.Plans;

/// <summary>
/// A checkpoint category (检查点 / 类别) with its weight and indicators. Changed only through its
/// <see cref="PlanVersion"/>, which refuses changes once the version is published.
/// </summary>
public sealed class PlanCategory : Entity
{
    private readonly List<Indicator> _indicators = [];

    private PlanCategory()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    internal PlanCategory(string code, string name, decimal weight, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Code = code.Trim();
        Name = name.Trim();
        Weight = weight;
        SortOrder = sortOrder;
    }

    public int PlanVersionId { get; private set; }

    /// <summary>Code inside the plan version, e.g. "1".</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>The category's share of the 100-point total.</summary>
    public decimal Weight { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>Indicators in the order they were added (see <see cref="Indicator.SortOrder"/>).</summary>
    public IReadOnlyList<Indicator> Indicators => _indicators;

    /// <summary>Σ max of the indicators.</summary>
    public decimal MaxPoints => _indicators.Sum(i => i.Max);

    internal void Change(string name, decimal weight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Weight = weight;
    }

    internal void SetSortOrder(int sortOrder) => SortOrder = sortOrder;

    /// <summary>
    /// Indicators by <see cref="Indicator.SortOrder"/>, then code: the plan order, which decides among other things
    /// which critical indicator is named as vetoing. The one place this order is written (with
    /// <see cref="PlanVersion.CategoriesInOrder"/>).
    /// </summary>
    public IEnumerable<Indicator> IndicatorsInOrder() =>
        _indicators.OrderBy(i => i.SortOrder).ThenBy(i => i.Code, StringComparer.Ordinal);

    internal Indicator Add(Indicator definition)
    {
        var indicator = definition.Clone();
        indicator.SetSortOrder(_indicators.Count == 0 ? 1 : _indicators.Max(i => i.SortOrder) + 1);
        _indicators.Add(indicator);
        return indicator;
    }

    internal bool Remove(Indicator indicator) => _indicators.Remove(indicator);

    internal PlanCategory Clone()
    {
        var copy = new PlanCategory(Code, Name, Weight, SortOrder);
        foreach (var indicator in IndicatorsInOrder())
        {
            copy._indicators.Add(indicator.Clone());
        }

        return copy;
    }
}
