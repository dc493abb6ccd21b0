using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Plans;

/// <summary>A draft is edited; publishing validates and locks; a locked version is changed by copying it.</summary>
public class PlanVersionLifecycleTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    private static PlanVersion ValidDraft() => new PlanBuilder()
        .Category("1", 60m, c => c.Check("1.1").Rating("1.2"))
        .Category("2", 40m, c => c.Deduction("2.1", 6m, 1m))
        .Build();

    public static TheoryData<string, Action<PlanVersion>> Mutators => new()
    {
        { "rename", v => v.Rename("新名称") },
        { "grade bounds", v => v.SetGradeBounds([new("优秀", 95m)]) },
        { "add category", v => v.AddCategory("3", "新类别", 10m) },
        { "change category", v => v.ChangeCategory("1", "改名", 60m) },
        { "remove category", v => v.RemoveCategory("2") },
        { "add indicator", v => v.AddIndicator("1", Indicator.Check("1.9", "新检查", 5m)) },
        { "replace indicator", v => v.ReplaceIndicator("1.1", Indicator.Check("1.1", "改过的检查", 5m)) },
        { "remove indicator", v => v.RemoveIndicator("1.2") },
        { "publish again", v => v.Publish(Now) },
    };

    [Theory]
    [MemberData(nameof(Mutators))]
    public void A_published_version_refuses_every_change(string label, Action<PlanVersion> change)
    {
        var version = ValidDraft();
        version.Publish(Now);

        var error = Assert.Throws<DomainException>(() => change(version));

        Assert.True(error.Code == "Plan.VersionLocked", label);
    }

    [Theory]
    [MemberData(nameof(Mutators))]
    public void A_retired_version_refuses_every_change(string label, Action<PlanVersion> change)
    {
        var version = ValidDraft();
        version.Publish(Now);
        version.Retire();

        var error = Assert.Throws<DomainException>(() => change(version));

        Assert.True(error.Code == "Plan.VersionLocked", label);
    }

    [Theory]
    [MemberData(nameof(Mutators))]
    public void A_draft_accepts_every_change(string label, Action<PlanVersion> change)
    {
        var version = ValidDraft();

        var error = Record.Exception(() => change(version));

        Assert.True(error is null, $"{label}: {error?.Message}");
    }

    [Fact]
    public void Publishing_stamps_the_time_and_locks_the_version()
    {
        var version = ValidDraft();

        version.Publish(Now);

        Assert.Equal(PlanVersionStatus.Published, version.Status);
        Assert.Equal(Now, version.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, version.PublishedAt!.Value.Kind);
        Assert.True(version.IsLocked);
    }

    [Fact]
    public void An_invalid_draft_is_not_published_and_the_problems_are_listed()
    {
        var version = new PlanBuilder().Category("1", 80m, c => c.Check("1.1", 0m)).Build();

        var error = Assert.Throws<PlanValidationException>(() => version.Publish(Now));

        Assert.Equal("Plan.Invalid", error.Code);
        Assert.Equal(["Plan.WeightsNot100", "Plan.MaxNotPositive"], error.Problems.Select(p => p.Code));
        Assert.Equal(PlanVersionStatus.Draft, version.Status);
        Assert.Null(version.PublishedAt);
    }

    [Fact]
    public void Only_a_published_version_can_be_retired()
    {
        var error = Assert.Throws<DomainException>(() => ValidDraft().Retire());

        Assert.Equal("Plan.NotPublished", error.Code);
    }

    [Fact]
    public void A_copy_is_a_draft_with_the_new_number_and_the_same_content()
    {
        var original = DefaultPlan.CreateVersion(Now);

        var copy = original.CopyAsDraft(2);

        Assert.Equal(PlanVersionStatus.Draft, copy.Status);
        Assert.Equal(2, copy.Number);
        Assert.Null(copy.PublishedAt);
        Assert.Equal(original.Name, copy.Name);
        Assert.Equal(original.GradeBounds, copy.GradeBounds);
        Assert.Equal(
            original.IndicatorsInOrder().Select(Describe),
            copy.IndicatorsInOrder().Select(Describe));
        Assert.Equal(
            original.CategoriesInOrder().Select(c => (c.Code, c.Name, c.Weight)),
            copy.CategoriesInOrder().Select(c => (c.Code, c.Name, c.Weight)));
        Assert.Empty(copy.Validate());
    }

    [Fact]
    public void A_copy_shares_no_entity_with_its_original_and_has_no_ids()
    {
        var original = DefaultPlan.CreateVersion(Now);

        var copy = original.CopyAsDraft(2);

        Assert.NotSame(original, copy);
        Assert.Empty(copy.Categories.Intersect(original.Categories));
        Assert.Empty(copy.IndicatorsInOrder().Intersect(original.IndicatorsInOrder()));
        Assert.All(copy.Categories, c => Assert.Equal(0, c.Id));
        Assert.All(copy.IndicatorsInOrder(), i => Assert.Equal(0, i.Id));
        Assert.NotEqual(original.ConcurrencyStamp, copy.ConcurrencyStamp);
    }

    [Fact]
    public void Changing_a_copy_leaves_the_original_untouched()
    {
        var original = ValidDraft();
        var before = original.IndicatorsInOrder().Select(Describe).ToList();
        var copy = original.CopyAsDraft(2);

        copy.ReplaceIndicator("1.1", Indicator.Check("1.1", "改过的检查", 3m, critical: true));
        copy.ChangeCategory("1", "改名", 50m);
        copy.AddCategory("3", "新类别", 10m);
        copy.RemoveIndicator("2.1");

        Assert.Equal(before, original.IndicatorsInOrder().Select(Describe));
        Assert.Equal(2, original.Categories.Count);
        Assert.Equal(60m, original.FindCategory("1")!.Weight);
    }

    [Fact]
    public void Replacing_an_indicator_keeps_its_place()
    {
        var version = ValidDraft();

        version.ReplaceIndicator("1.1", Indicator.Deduction("1.1", "改成扣分", 5m, 1m));

        var replaced = version.IndicatorsInOrder().First();
        Assert.Equal("1.1", replaced.Code);
        Assert.Equal(RuleKind.Deduction, replaced.Kind);
        Assert.Equal(1m, replaced.PerOccurrence);
    }

    [Fact]
    public void Adding_an_indicator_stores_a_copy_so_the_definition_cannot_change_it_later()
    {
        var version = new PlanVersion("方案", 1);
        version.AddCategory("1", "类别", 100m);
        var definition = Indicator.Check("1.1", "检查", 10m);

        var added = version.AddIndicator("1", definition);

        Assert.NotSame(definition, added);
        Assert.Same(added, version.FindIndicator("1.1"));
    }

    [Fact]
    public void An_indicator_cannot_be_added_to_another_versions_category()
    {
        var other = ValidDraft();
        var version = ValidDraft();

        var error = Assert.Throws<DomainException>(() => version.AddIndicator(other.FindCategory("1")!, Indicator.Check("1.9", "检查", 5m)));

        Assert.Equal("Plan.CategoryNotFound", error.Code);
    }

    [Fact]
    public void Editing_an_indicator_by_an_ambiguous_code_is_refused()
    {
        var version = new PlanBuilder().Category("1", 100m, c => c.Check("1.1").Check("1.1")).Build();

        var error = Assert.Throws<DomainException>(() => version.RemoveIndicator("1.1"));

        Assert.Equal("Plan.DuplicateIndicatorCode", error.Code);
    }

    [Fact]
    public void A_plan_numbers_its_versions_and_copies_into_the_next_number()
    {
        var plan = DefaultPlan.Create(Now);

        var draft = plan.AddDraftCopyOf(plan.Versions[0]);

        Assert.Equal(2, draft.Number);
        Assert.Equal(2, plan.Versions.Count);
        Assert.Equal(3, plan.NextVersionNumber);
    }

    [Fact]
    public void A_plan_refuses_to_copy_another_plans_version()
    {
        var plan = DefaultPlan.Create(Now);
        var stranger = DefaultPlan.CreateVersion(Now);

        var error = Assert.Throws<DomainException>(() => plan.AddDraftCopyOf(stranger));

        Assert.Equal("Plan.VersionNotInPlan", error.Code);
    }

    private static string Describe(Indicator i) =>
        $"{i.Code}|{i.Name}|{i.Standard}|{i.Kind}|{i.Max}|{i.NaAllowed}|{i.Critical}|{i.Measure}|{i.Direction}|"
        + $"{string.Join(",", i.Bands)}|{i.PerOccurrence}|{string.Join(",", i.Levels)}|{i.Unit}|{i.MinValue}|{i.MaxValue}|{i.SortOrder}";
}
