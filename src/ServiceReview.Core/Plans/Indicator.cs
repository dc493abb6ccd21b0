using ServiceReview.Core.Common;

namespace ServiceReview.Core.Plans;

/// <summary>
/// One scored item of a category (评估指标). Built with the factory of its rule kind
/// (<see cref="Rating"/>, <see cref="Check"/>, <see cref="Deduction"/>, <see cref="Banded"/>, <see cref="Percentage"/>) and then added to a
/// draft with <see cref="PlanVersion.AddIndicator(string, Indicator)"/>; once inside a version it changes only through the version,
/// which refuses changes after publishing. Factories accept values that <see cref="PlanVersion.Validate"/> would
/// report (max ≤ 0, bands out of order…), because a draft is a workspace: the problems are listed, not thrown.
/// </summary>
public sealed class Indicator : Entity
{
    private List<Band> _bands = [];
    private List<RatingLevel> _levels = [];

    private Indicator()
    {
        Code = string.Empty;
        Name = string.Empty;
        Standard = string.Empty;
    }

    private Indicator(string code, string name, string? standard, RuleKind kind, decimal max, bool naAllowed, bool critical)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Code = code.Trim();
        Name = name.Trim();
        Standard = standard?.Trim() ?? string.Empty;
        Kind = kind;
        Max = max;
        NaAllowed = naAllowed;
        Critical = critical;
    }

    public int CategoryId { get; private set; }

    /// <summary>Code inside the plan version, e.g. "1.1". Unique in a valid version.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>评估标准: what "good" looks like, shown to the inspector.</summary>
    public string Standard { get; private set; }

    public RuleKind Kind { get; private set; }

    public decimal Max { get; private set; }

    /// <summary>The inspector may mark it 不适用; it then leaves its category's denominator.</summary>
    public bool NaAllowed { get; private set; }

    /// <summary>一票否决: earning 0 points vetoes the whole inspection.</summary>
    public bool Critical { get; private set; }

    /// <summary>The service-record figure that fills this indicator, or null when the inspector judges it.</summary>
    public MeasuredMetric? Measure { get; private set; }

    /// <summary>Bands only.</summary>
    public BandDirection? Direction { get; private set; }

    /// <summary>Bands only, in the order they are tried (best first).</summary>
    public IReadOnlyList<Band> Bands => _bands;

    /// <summary>Deduction only: points taken per occurrence.</summary>
    public decimal? PerOccurrence { get; private set; }

    /// <summary>Rating only.</summary>
    public IReadOnlyList<RatingLevel> Levels => _levels;

    /// <summary>Unit of a Bands value, "%" for percentages.</summary>
    public string? Unit { get; private set; }

    /// <summary>Lowest valid Bands value (inclusive); null = unbounded.</summary>
    public decimal? MinValue { get; private set; }

    /// <summary>Highest valid Bands value (inclusive); null = unbounded.</summary>
    public decimal? MaxValue { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>A Rating indicator; <paramref name="levels"/> defaults to 优秀/良好/一般/较差/差.</summary>
    public static Indicator Rating(
        string code,
        string name,
        decimal max,
        IEnumerable<RatingLevel>? levels = null,
        string? standard = null,
        bool naAllowed = false,
        bool critical = false)
    {
        var indicator = new Indicator(code, name, standard, RuleKind.Rating, max, naAllowed, critical);
        // Each indicator owns copies: persisted value lists must not share instances (EF tracks owned values by reference).
        indicator._levels = [.. (levels ?? RatingLevel.Defaults).Select(l => l with { })];
        return indicator;
    }

    public static Indicator Check(
        string code,
        string name,
        decimal max,
        string? standard = null,
        bool naAllowed = false,
        bool critical = false) =>
        new(code, name, standard, RuleKind.Check, max, naAllowed, critical);

    public static Indicator Deduction(
        string code,
        string name,
        decimal max,
        decimal perOccurrence,
        string? standard = null,
        bool naAllowed = false,
        bool critical = false,
        MeasuredMetric? measure = null) =>
        new(code, name, standard, RuleKind.Deduction, max, naAllowed, critical)
        {
            PerOccurrence = perOccurrence,
            Measure = measure,
        };

    public static Indicator Banded(
        string code,
        string name,
        decimal max,
        BandDirection direction,
        IEnumerable<Band> bands,
        string? standard = null,
        string? unit = null,
        decimal? minValue = null,
        decimal? maxValue = null,
        bool naAllowed = false,
        bool critical = false,
        MeasuredMetric? measure = null)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return new Indicator(code, name, standard, RuleKind.Bands, max, naAllowed, critical)
        {
            Direction = direction,
            _bands = [.. bands.Select(b => b with { })],
            Unit = unit,
            MinValue = minValue,
            MaxValue = maxValue,
            Measure = measure,
        };
    }

    /// <summary>A Bands indicator on a percentage (0–100, unit "%"), bounds descending.</summary>
    public static Indicator Percentage(
        string code,
        string name,
        decimal max,
        IEnumerable<Band> bands,
        string? standard = null,
        bool naAllowed = false,
        bool critical = false,
        MeasuredMetric? measure = null) =>
        Banded(code, name, max, BandDirection.HigherIsBetter, bands, standard, "%", 0m, 100m, naAllowed, critical, measure);

    /// <summary>A new, unsaved indicator with the same definition.</summary>
    public Indicator Clone()
    {
        var copy = new Indicator();
        copy.CopyDefinitionFrom(this);
        copy.SortOrder = SortOrder;
        return copy;
    }

    internal void CopyDefinitionFrom(Indicator source)
    {
        Code = source.Code;
        Name = source.Name;
        Standard = source.Standard;
        Kind = source.Kind;
        Max = source.Max;
        NaAllowed = source.NaAllowed;
        Critical = source.Critical;
        Measure = source.Measure;
        Direction = source.Direction;
        _bands = [.. source._bands.Select(b => b with { })];
        PerOccurrence = source.PerOccurrence;
        _levels = [.. source._levels.Select(l => l with { })];
        Unit = source.Unit;
        MinValue = source.MinValue;
        MaxValue = source.MaxValue;
    }

    internal void SetSortOrder(int sortOrder) => SortOrder = sortOrder;

    /// <summary>The level with this label (ordinal, surrounding spaces ignored), or null.</summary>
    public RatingLevel? FindLevel(string label)
    {
        var wanted = label.Trim();
        return _levels.FirstOrDefault(l => string.Equals(l.Label, wanted, StringComparison.Ordinal));
    }
}
