using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Tests.Plans;

/// <summary>Comparing two versions says what was added, removed or changed, indicator by indicator.</summary>
public class PlanComparisonTests
{
    [Fact]
    public void A_copy_of_the_default_plan_has_no_differences()
    {
        var v1 = DefaultPlan.CreateVersion();
        Assert.Empty(PlanComparer.Compare(v1, v1.CopyAsDraft(2)));
    }

    [Fact]
    public void A_new_category_and_its_indicators_show_as_added()
    {
        var v1 = DefaultPlan.CreateVersion();
        var v2 = v1.CopyAsDraft(2);
        v2.AddCategory("6", "服务创新", 10m);
        v2.AddIndicator("6", Indicator.Check("6.1", "有改进建议", 5m));

        var differences = PlanComparer.Compare(v1, v2);

        Assert.Contains(differences, d => d is { Element: PlanElement.Category, Change: PlanChange.Added, Code: "6" });
        Assert.Contains(differences, d => d is { Element: PlanElement.Indicator, Change: PlanChange.Added, Code: "6.1" });
    }

    [Fact]
    public void A_removed_indicator_shows_as_removed()
    {
        var v1 = DefaultPlan.CreateVersion();
        var v2 = v1.CopyAsDraft(2);
        v2.RemoveIndicator("5.3");

        var difference = Assert.Single(PlanComparer.Compare(v1, v2));

        Assert.Equal((PlanElement.Indicator, PlanChange.Removed, "5.3"), (difference.Element, difference.Change, difference.Code));
    }

    [Fact]
    public void A_changed_indicator_lists_each_changed_field_with_old_and_new_values()
    {
        var v1 = DefaultPlan.CreateVersion();
        var v2 = v1.CopyAsDraft(2);
        v2.ReplaceIndicator("2.1", Indicator.Percentage("2.1", "首次响应及时率", 12m, [new(95m, 12m), new(90m, 8m)], "新标准", naAllowed: true, measure: MeasuredMetric.FirstResponseOnTime));
        v2.ChangeCategory("2", "响应迅速", 27m);

        var differences = PlanComparer.Compare(v1, v2);

        var indicator = Assert.Single(differences, d => d.Element == PlanElement.Indicator);
        Assert.Equal(PlanChange.Changed, indicator.Change);
        Assert.Equal([PlanComparer.Fields.Standard, PlanComparer.Fields.Max, PlanComparer.Fields.Parameters], indicator.Fields.Select(f => f.Field));
        Assert.Contains(indicator.Fields, f => f is { Field: "Max", Old: "10", New: "12" });
        Assert.Contains(indicator.Fields, f => f is { Field: "Parameters", Old: "≥95→10; ≥90→8; ≥80→5", New: "≥95→12; ≥90→8" });
        var category = Assert.Single(differences, d => d.Element == PlanElement.Category);
        Assert.Equal(new FieldChange("Weight", "25", "27"), Assert.Single(category.Fields));
    }

    [Fact]
    public void Changed_grade_bounds_show_as_a_plan_change()
    {
        var v1 = DefaultPlan.CreateVersion();
        var v2 = v1.CopyAsDraft(2);
        v2.SetGradeBounds([new("优秀", 95m, "Excellent"), new("良好", 80m), new("合格", 60m, "Pass")]);

        var difference = Assert.Single(PlanComparer.Compare(v1, v2));

        Assert.Equal(PlanElement.Plan, difference.Element);
        Assert.Equal("优秀 (Excellent) ≥ 90; 良好 (Good) ≥ 80; 合格 (Pass) ≥ 60", difference.Fields[0].Old);
        Assert.Equal("优秀 (Excellent) ≥ 95; 良好 ≥ 80; 合格 (Pass) ≥ 60", difference.Fields[0].New);
    }
}
