using ServiceReview.Core.Plans;

namespace ServiceReview.Testing.Builders;

/// <summary>Small plan versions for tests: <c>new PlanBuilder().Category("A", 100, c => c.Check("A.1")).Build()</c>.</summary>
public sealed class PlanBuilder
{
    private readonly List<(string Code, decimal Weight, CategoryBuilder Category)> _categories = [];
    private IEnumerable<GradeBound>? _gradeBounds;
    private string _name = "测试方案";
    private int _number = 1;

    public PlanBuilder Named(string name, int number = 1)
    {
        _name = name;
        _number = number;
        return this;
    }

    public PlanBuilder WithGradeBounds(params GradeBound[] bounds)
    {
        _gradeBounds = bounds;
        return this;
    }

    public PlanBuilder Category(string code, decimal weight, Action<CategoryBuilder> indicators)
    {
        var builder = new CategoryBuilder();
        indicators(builder);
        _categories.Add((code, weight, builder));
        return this;
    }

    /// <summary>A Draft; it may be invalid on purpose.</summary>
    public PlanVersion Build()
    {
        var version = new PlanVersion(_name, _number, _gradeBounds);
        foreach (var (code, weight, category) in _categories)
        {
            var added = version.AddCategory(code, "类别" + code, weight);
            foreach (var indicator in category.Indicators)
            {
                version.AddIndicator(added, indicator);
            }
        }

        return version;
    }

    public PlanVersion BuildPublished()
    {
        var version = Build();
        version.Publish(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return version;
    }

    /// <summary>One category of weight 100 holding one indicator: its score is the total.</summary>
    public static PlanVersion OneIndicator(Indicator indicator) =>
        new PlanBuilder().Category("1", 100m, c => c.Add(indicator)).Build();
}

public sealed class CategoryBuilder
{
    public List<Indicator> Indicators { get; } = [];

    public CategoryBuilder Add(Indicator indicator)
    {
        Indicators.Add(indicator);
        return this;
    }

    public CategoryBuilder Check(string code, decimal max = 10m, bool critical = false, bool naAllowed = false) =>
        Add(Indicator.Check(code, "检查项" + code, max, naAllowed: naAllowed, critical: critical));

    public CategoryBuilder Rating(string code, decimal max = 10m, IEnumerable<RatingLevel>? levels = null, bool critical = false, bool naAllowed = false) =>
        Add(Indicator.Rating(code, "评分项" + code, max, levels, naAllowed: naAllowed, critical: critical));

    public CategoryBuilder Deduction(string code, decimal max = 10m, decimal perOccurrence = 1m, bool critical = false, bool naAllowed = false) =>
        Add(Indicator.Deduction(code, "扣分项" + code, max, perOccurrence, naAllowed: naAllowed, critical: critical));

    public CategoryBuilder Percentage(string code, decimal max, params Band[] bands) =>
        Add(Indicator.Percentage(code, "比例项" + code, max, bands, naAllowed: true));

    public CategoryBuilder Bands(string code, decimal max, BandDirection direction, params Band[] bands) =>
        Add(Indicator.Banded(code, "区间项" + code, max, direction, bands));
}
