using ServiceReview.Core.Common;

namespace ServiceReview.Core.Plans;

/// <summary>
/// One version of an evaluation plan: grade bounds, categories and indicators. A Draft is edited freely; once
/// Published (or Retired) it never changes, because rounds and confirmed inspections refer to it — every mutator
/// then throws <c>Plan.VersionLocked</c>. To change a published plan, <see cref="CopyAsDraft"/> it.
/// </summary>
public sealed class PlanVersion : Entity, IConcurrencyStamped
{
    /// <summary>The grade below the last bound (不合格), and the grade of a vetoed inspection.</summary>
    public const string FailGrade = "不合格";

    private readonly List<PlanCategory> _categories = [];
    private List<GradeBound> _gradeBounds = [];

    private PlanVersion()
    {
        Name = string.Empty;
    }

    /// <summary>A new, empty Draft. <paramref name="gradeBounds"/> defaults to <see cref="DefaultGradeBounds"/>.</summary>
    public PlanVersion(string name, int number, IEnumerable<GradeBound>? gradeBounds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Number = number;
        Status = PlanVersionStatus.Draft;
        _gradeBounds = [.. (gradeBounds ?? DefaultGradeBounds).Select(g => g with { })];
        ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60; below → 不合格.</summary>
    public static IReadOnlyList<GradeBound> DefaultGradeBounds { get; } =
    [
        new("优秀", 90m),
        new("良好", 80m),
        new("合格", 60m),
    ];

    public int PlanId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The version number inside its plan (1, 2, …).</summary>
    public int Number { get; private set; }

    public PlanVersionStatus Status { get; private set; }

    /// <summary>When it was published (UTC); null for a draft.</summary>
    public DateTime? PublishedAt { get; private set; }

    /// <summary>Ordered high → low; a rounded total below the last bound is <see cref="FailGrade"/>.</summary>
    public IReadOnlyList<GradeBound> GradeBounds => _gradeBounds;

    /// <summary>Categories as stored; use <see cref="CategoriesInOrder"/> for plan order.</summary>
    public IReadOnlyList<PlanCategory> Categories => _categories;

    public Guid ConcurrencyStamp { get; set; }

    public bool IsLocked => Status != PlanVersionStatus.Draft;

    /// <summary>Categories by <see cref="PlanCategory.SortOrder"/> (then code).</summary>
    public IEnumerable<PlanCategory> CategoriesInOrder() =>
        _categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal);

    /// <summary>Every indicator in plan order: by category, then by indicator sort order.</summary>
    public IEnumerable<Indicator> IndicatorsInOrder() =>
        CategoriesInOrder().SelectMany(c => c.IndicatorsInOrder());

    public PlanCategory? FindCategory(string code) =>
        _categories.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    public Indicator? FindIndicator(string code) =>
        _categories.SelectMany(c => c.Indicators).FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));

    /// <summary>The grade of a (rounded) total under this version's bounds.</summary>
    public string GradeFor(decimal roundedTotal)
    {
        foreach (var bound in _gradeBounds.OrderByDescending(b => b.Min))
        {
            if (roundedTotal >= bound.Min)
            {
                return bound.Grade;
            }
        }

        return FailGrade;
    }

    public void Rename(string name)
    {
        EnsureDraft();
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void SetGradeBounds(IEnumerable<GradeBound> gradeBounds)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(gradeBounds);
        _gradeBounds = [.. gradeBounds.Select(g => g with { })];
    }

    public PlanCategory AddCategory(string code, string name, decimal weight)
    {
        EnsureDraft();
        var sortOrder = _categories.Count == 0 ? 1 : _categories.Max(c => c.SortOrder) + 1;
        var category = new PlanCategory(code, name, weight, sortOrder);
        _categories.Add(category);
        return category;
    }

    public void ChangeCategory(string code, string name, decimal weight)
    {
        EnsureDraft();
        SingleCategory(code).Change(name, weight);
    }

    public void RemoveCategory(string code)
    {
        EnsureDraft();
        _categories.Remove(SingleCategory(code));
    }

    /// <summary>Adds a copy of <paramref name="definition"/> at the end of the category; returns the added indicator.</summary>
    public Indicator AddIndicator(string categoryCode, Indicator definition)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(definition);
        return SingleCategory(categoryCode).Add(definition);
    }

    /// <summary>Adds a copy of <paramref name="definition"/> at the end of <paramref name="category"/>, one of this version's categories.</summary>
    public Indicator AddIndicator(PlanCategory category, Indicator definition)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(definition);
        if (!_categories.Contains(category))
        {
            throw new DomainException("Plan.CategoryNotFound", $"Category '{category.Code}' does not belong to plan version {Number}.", category.Code);
        }

        return category.Add(definition);
    }

    /// <summary>Gives the indicator <paramref name="code"/> the definition of <paramref name="definition"/>, keeping its place.</summary>
    public void ReplaceIndicator(string code, Indicator definition)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(definition);
        SingleIndicator(code).Indicator.CopyDefinitionFrom(definition);
    }

    public void RemoveIndicator(string code)
    {
        EnsureDraft();
        var (category, indicator) = SingleIndicator(code);
        category.Remove(indicator);
    }

    /// <summary>Moves the category one place up (<paramref name="offset"/> −1) or down (+1); at either end nothing moves.</summary>
    public void MoveCategory(string code, int offset)
    {
        EnsureDraft();
        var ordered = CategoriesInOrder().ToList();
        var from = ordered.IndexOf(SingleCategory(code));
        var to = Math.Clamp(from + Math.Sign(offset), 0, ordered.Count - 1);
        (ordered[from], ordered[to]) = (ordered[to], ordered[from]);
        Renumber(ordered, (c, n) => c.SetSortOrder(n));
    }

    /// <summary>Puts the categories in the order of <paramref name="codes"/>, which must name each category once (drag and drop).</summary>
    public void ReorderCategories(IReadOnlyList<string> codes)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(codes);
        var ordered = codes.Select(SingleCategory).ToList();
        if (ordered.Distinct().Count() != _categories.Count || ordered.Count != _categories.Count)
        {
            throw new DomainException("Plan.OrderIncomplete", "The new order must name every category exactly once.");
        }

        Renumber(ordered, (c, n) => c.SetSortOrder(n));
    }

    /// <summary>Moves the indicator one place up (−1) or down (+1) inside its category.</summary>
    public void MoveIndicator(string code, int offset)
    {
        EnsureDraft();
        var (category, indicator) = SingleIndicator(code);
        var ordered = category.IndicatorsInOrder().ToList();
        var from = ordered.IndexOf(indicator);
        var to = Math.Clamp(from + Math.Sign(offset), 0, ordered.Count - 1);
        (ordered[from], ordered[to]) = (ordered[to], ordered[from]);
        Renumber(ordered, (i, n) => i.SetSortOrder(n));
    }

    /// <summary>Puts the indicators of one category in the order of <paramref name="codes"/>, which must name each of them once.</summary>
    public void ReorderIndicators(string categoryCode, IReadOnlyList<string> codes)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(codes);
        var category = SingleCategory(categoryCode);
        var ordered = codes
            .Select(c => category.Indicators.FirstOrDefault(i => string.Equals(i.Code, c, StringComparison.Ordinal))
                ?? throw new DomainException("Plan.IndicatorNotFound", $"There is no indicator '{c}'.", c))
            .ToList();
        if (ordered.Distinct().Count() != category.Indicators.Count || ordered.Count != category.Indicators.Count)
        {
            throw new DomainException("Plan.OrderIncomplete", "The new order must name every indicator of the category exactly once.");
        }

        Renumber(ordered, (i, n) => i.SetSortOrder(n));
    }

    /// <summary>Validates, then locks the version. Throws <see cref="PlanValidationException"/> (<c>Plan.Invalid</c>).</summary>
    public void Publish(DateTime utcNow)
    {
        EnsureDraft();
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new PlanValidationException(problems);
        }

        Status = PlanVersionStatus.Published;
        PublishedAt = utcNow.Kind == DateTimeKind.Local ? utcNow.ToUniversalTime() : DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
    }

    /// <summary>Takes a published version out of use for new rounds; rounds that used it keep it.</summary>
    public void Retire()
    {
        switch (Status)
        {
            case PlanVersionStatus.Draft:
                throw new DomainException("Plan.NotPublished", $"Plan version {Number} is a draft; only a published version can be retired.", Number);
            case PlanVersionStatus.Retired:
                throw Locked();
            default:
                Status = PlanVersionStatus.Retired;
                break;
        }
    }

    /// <summary>A new Draft with the same content: new entities, no ids, same plan.</summary>
    public PlanVersion CopyAsDraft(int newNumber)
    {
        var copy = new PlanVersion(Name, newNumber, _gradeBounds) { PlanId = PlanId };
        foreach (var category in CategoriesInOrder())
        {
            copy._categories.Add(category.Clone());
        }

        return copy;
    }

    /// <summary>Everything that would stop this version being published; empty when it is valid.</summary>
    public IReadOnlyList<PlanProblem> Validate() => PlanValidator.Validate(this);

    private static void Renumber<T>(IReadOnlyList<T> ordered, Action<T, int> setSortOrder)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            setSortOrder(ordered[i], i + 1);
        }
    }

    private void EnsureDraft()
    {
        if (IsLocked)
        {
            throw Locked();
        }
    }

    private DomainException Locked() =>
        new("Plan.VersionLocked", $"Plan version {Number} is {Status} and cannot be changed; copy it as a new draft.", Number, Status.ToString());

    private PlanCategory SingleCategory(string code)
    {
        var matches = _categories.Where(c => string.Equals(c.Code, code, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            0 => throw new DomainException("Plan.CategoryNotFound", $"There is no category '{code}'.", code),
            1 => matches[0],
            _ => throw new DomainException("Plan.DuplicateCategoryCode", $"More than one category has code '{code}'.", code),
        };
    }

    private (PlanCategory Category, Indicator Indicator) SingleIndicator(string code)
    {
        var matches = _categories
            .SelectMany(c => c.Indicators.Select(i => (Category: c, Indicator: i)))
            .Where(x => string.Equals(x.Indicator.Code, code, StringComparison.Ordinal))
            .ToList();
        return matches.Count switch
        {
            0 => throw new DomainException("Plan.IndicatorNotFound", $"There is no indicator '{code}'.", code),
            1 => matches[0],
            _ => throw new DomainException("Plan.DuplicateIndicatorCode", $"More than one indicator has code '{code}'.", code),
        };
    }
}
