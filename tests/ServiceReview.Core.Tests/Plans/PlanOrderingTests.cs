using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Plans;

/// <summary>Authors put categories and indicators in the order the inspector should see them, by arrows or by drag.</summary>
public class PlanOrderingTests
{
    private static PlanVersion Draft() => new PlanBuilder()
        .Category("1", 40m, c => c.Check("1.1").Check("1.2").Check("1.3"))
        .Category("2", 30m, c => c.Check("2.1"))
        .Category("3", 30m, c => c.Check("3.1"))
        .Build();

    private static string[] CategoryOrder(PlanVersion v) => [.. v.CategoriesInOrder().Select(c => c.Code)];

    private static string[] IndicatorOrder(PlanVersion v) => [.. v.IndicatorsInOrder().Select(i => i.Code)];

    [Fact]
    public void Moving_a_category_down_swaps_it_with_the_next_one()
    {
        var v = Draft();
        v.MoveCategory("1", +1);
        Assert.Equal(["2", "1", "3"], CategoryOrder(v));
    }

    [Fact]
    public void Moving_the_first_category_up_leaves_the_order_alone()
    {
        var v = Draft();
        v.MoveCategory("1", -1);
        Assert.Equal(["1", "2", "3"], CategoryOrder(v));
    }

    [Fact]
    public void Moving_an_indicator_up_changes_the_order_inside_its_category_only()
    {
        var v = Draft();
        v.MoveIndicator("1.3", -1);
        Assert.Equal(["1.1", "1.3", "1.2", "2.1", "3.1"], IndicatorOrder(v));
    }

    [Fact]
    public void Dragging_sets_the_whole_order_of_categories_and_of_indicators()
    {
        var v = Draft();
        v.ReorderCategories(["3", "1", "2"]);
        v.ReorderIndicators("1", ["1.2", "1.3", "1.1"]);
        Assert.Equal(["3", "1", "2"], CategoryOrder(v));
        Assert.Equal(["3.1", "1.2", "1.3", "1.1", "2.1"], IndicatorOrder(v));
    }

    [Fact]
    public void A_drag_order_that_leaves_out_a_category_is_refused()
    {
        var v = Draft();
        var error = Assert.Throws<DomainException>(() => v.ReorderCategories(["3", "1"]));
        Assert.Equal("Plan.OrderIncomplete", error.Code);
        Assert.Equal(["1", "2", "3"], CategoryOrder(v));
    }

    [Fact]
    public void A_drag_order_naming_an_indicator_of_another_category_is_refused()
    {
        var v = Draft();
        var error = Assert.Throws<DomainException>(() => v.ReorderIndicators("1", ["1.1", "1.2", "2.1"]));
        Assert.Equal("Plan.IndicatorNotFound", error.Code);
    }

    [Fact]
    public void A_published_version_cannot_be_reordered()
    {
        var v = Draft();
        v.Publish(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal("Plan.VersionLocked", Assert.Throws<DomainException>(() => v.MoveCategory("2", -1)).Code);
        Assert.Equal("Plan.VersionLocked", Assert.Throws<DomainException>(() => v.MoveIndicator("1.2", -1)).Code);
        Assert.Equal("Plan.VersionLocked", Assert.Throws<DomainException>(() => v.ReorderCategories(["3", "2", "1"])).Code);
    }

    [Fact]
    public void A_copy_keeps_the_order_the_author_chose()
    {
        var v = Draft();
        v.ReorderCategories(["2", "3", "1"]);
        v.ReorderIndicators("1", ["1.3", "1.1", "1.2"]);
        var copy = v.CopyAsDraft(2);
        Assert.Equal(IndicatorOrder(v), IndicatorOrder(copy));
    }
}
