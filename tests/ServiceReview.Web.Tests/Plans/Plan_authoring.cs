using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Plans;

/// <summary>A manager copies a plan version, edits the draft, publishes it, and a round can use it.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Plan_authoring(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value);

    private async Task<(HttpClient Client, int DraftId)> CopyOfDefaultPlanAsync(string email = "manager@demo.local")
    {
        var client = await factory.SignedInAsync(email);
        var v1 = await factory.DefaultPlanVersionIdAsync();
        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/plans/{v1}/copy", Fields(), "/plans");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, ServiceReviewWebFactory.IdFromLocation(response));
    }

    private async Task<Guid> StampAsync(int id) => (await factory.LoadPlanVersionAsync(id)).ConcurrencyStamp;

    private async Task<HttpResponseMessage> EditAsync(HttpClient client, int id, string action, params (string Key, string Value)[] fields)
    {
        var all = Fields(fields);
        all.TryAdd("stamp", (await StampAsync(id)).ToString());
        return await ServiceReviewWebFactory.PostFormAsync(client, $"/plans/{id}/{action}", all, $"/plans/{id}");
    }

    [Fact]
    public async Task The_plans_page_lists_the_default_plan_with_its_status_and_the_rounds_that_use_it()
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        var html = await client.GetStringAsync("/plans");

        Assert.Contains(DefaultPlan.Name, html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Plans.Status.Published"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Plans.Index.RoundCount", "8"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copying_a_published_version_makes_a_draft_with_the_next_number_and_the_same_content()
    {
        var (_, draftId) = await CopyOfDefaultPlanAsync();

        var draft = await factory.LoadPlanVersionAsync(draftId);
        var v1 = await factory.LoadPlanVersionAsync(await factory.DefaultPlanVersionIdAsync());

        Assert.Equal(PlanVersionStatus.Draft, draft.Status);
        Assert.True(draft.Number > 1);
        Assert.Empty(PlanComparer.Compare(v1, draft));
        var audit = await factory.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "PlanVersion" && a.EntityId == draftId.ToString()).ToListAsync());
        Assert.Equal("Plan.Copied", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task A_manager_adds_a_sixth_category_rebalances_publishes_and_runs_a_round_with_it_while_old_results_keep_version_1()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(client, id, "categories/add", ("NewCategory.Code", "6"), ("NewCategory.Name", "服务创新"), ("NewCategory.Weight", "10"), ("NewCategory.Stamp", (await StampAsync(id)).ToString()))).StatusCode);
        await EditAsync(client, id, "indicators/save",
            ("CategoryCode", "6"), ("Code", "6.1"), ("Name", "改进建议"), ("Kind", "Rating"), ("Max", "5"),
            ("Levels", "优秀=1\n良好=0.8\n一般=0.6\n较差=0.3\n差=0"), ("Stamp", (await StampAsync(id)).ToString()));
        await EditAsync(client, id, "indicators/save",
            ("CategoryCode", "6"), ("Code", "6.2"), ("Name", "客户回访"), ("Kind", "Check"), ("Max", "5"), ("Standard", "每月回访"), ("Stamp", (await StampAsync(id)).ToString()));

        var editor = await client.GetStringAsync($"/plans/{id}/edit");
        Assert.Contains(Texts.Zh("Plans.Details.WeightSum", "110"), editor, StringComparison.Ordinal);
        Assert.True(editor.Contains(Texts.Zh("Error.Plan.WeightsNot100", 110), StringComparison.Ordinal), editor[editor.IndexOf("alert-warning", StringComparison.Ordinal)..][..800]);

        await EditAsync(client, id, "categories/change", ("Code", "2"), ("Name", "响应迅速"), ("Weight", "20"), ("Stamp", (await StampAsync(id)).ToString()));
        await EditAsync(client, id, "categories/change", ("Code", "5"), ("Name", "解决问题"), ("Weight", "15"), ("Stamp", (await StampAsync(id)).ToString()));
        Assert.Empty((await factory.LoadPlanVersionAsync(id)).Validate());

        var publish = await EditAsync(client, id, "publish");
        Assert.Equal($"/plans/{id}", publish.Headers.Location!.OriginalString);
        Assert.Matches(Texts.ZhPattern("Plans.Publish.Done"), await client.GetStringAsync($"/plans/{id}"));

        var published = await factory.LoadPlanVersionAsync(id);
        Assert.Equal(PlanVersionStatus.Published, published.Status);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], published.CategoriesInOrder().Select(c => c.Code));

        // A round picks the published version and opens with an entry per indicator of it.
        var opened = await factory.WithDbAsync(async db =>
        {
            var team = await db.Teams.OrderBy(t => t.Id).FirstAsync();
            var inspectors = await db.People.Where(p => p.InspectorProfile != null && p.IsActive).OrderBy(p => p.Id).ToListAsync();
            var inspector = inspectors.First(p => !team.Involves(p.Id));
            var round = new Round("新方案试点", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), id,
                DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(7), AggregationMethod.Mean);
            round.AddTeam(team.Id);
            round.Assign(team, inspector);
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().SingleAsync(v => v.Id == id);
            var inspections = round.Open(plan, DateTime.UtcNow);
            db.Inspections.AddRange(inspections);
            await db.SaveChangesAsync();
            return inspections;
        });
        Assert.Equal(16, Assert.Single(opened).Entries.Count);

        // Earlier rounds still point at version 1, which still shows and exports.
        var v1 = await factory.DefaultPlanVersionIdAsync();
        Assert.True(await factory.WithDbAsync(db => db.Rounds.CountAsync(r => r.PlanVersionId == v1)) >= 7);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/plans/{v1}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/plans/{v1}/export")).StatusCode);

        var compare = await client.GetStringAsync($"/plans/compare?left={v1}&right={id}");
        Assert.Contains("服务创新", compare, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Plans.Compare.Summary", "3", "0", "2"), compare, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_draft_is_not_published_and_the_problems_are_shown()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();
        await EditAsync(client, id, "categories/change", ("Code", "1"), ("Name", "服务档案管理"), ("Weight", "30"), ("Stamp", (await StampAsync(id)).ToString()));

        var publish = await EditAsync(client, id, "publish");
        var page = await client.GetStringAsync(publish.Headers.Location!.OriginalString);

        Assert.Equal(PlanVersionStatus.Draft, (await factory.LoadPlanVersionAsync(id)).Status);
        Assert.Contains(Texts.Zh("Layout.Label", "未发布"), page, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Error.Plan.WeightsNot100", "110"), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_version_is_never_edited_and_its_editor_sends_the_user_to_copy_it()
    {
        var client = await factory.SignedInAsync("admin@demo.local");
        var v1 = await factory.DefaultPlanVersionIdAsync();

        var edit = await client.GetAsync($"/plans/{v1}/edit");
        var change = await EditAsync(client, v1, "categories/change", ("Code", "1"), ("Name", "改名"), ("Weight", "20"), ("Stamp", (await StampAsync(v1)).ToString()));

        Assert.Equal($"/plans/{v1}", edit.Headers.Location!.OriginalString);
        Assert.Matches(Texts.ZhPattern("Error.Plan.VersionLocked"), await client.GetStringAsync(change.Headers.Location!.OriginalString));
        Assert.Equal("服务档案管理", (await factory.LoadPlanVersionAsync(v1)).FindCategory("1")!.Name);
    }

    [Fact]
    public async Task Two_managers_editing_the_same_draft_the_second_is_told_who_changed_it_and_nothing_is_overwritten()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();
        var staleStamp = (await StampAsync(id)).ToString();
        await EditAsync(client, id, "categories/change", ("Code", "3"), ("Name", "沟通协调能力"), ("Weight", "20"), ("Stamp", staleStamp));

        var second = await EditAsync(client, id, "categories/change", ("Code", "3"), ("Name", "沟通"), ("Weight", "25"), ("Stamp", staleStamp));
        var page = await client.GetStringAsync(second.Headers.Location!.OriginalString);

        Assert.Contains(await factory.NameOfAsync("manager@demo.local"), page, StringComparison.Ordinal);
        var category = (await factory.LoadPlanVersionAsync(id)).FindCategory("3")!;
        Assert.Equal(("沟通协调能力", 20m), (category.Name, category.Weight));
    }

    [Fact]
    public async Task Publishing_twice_by_double_click_publishes_once_and_says_it_is_already_published()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();
        var stamp = (await StampAsync(id)).ToString();

        await EditAsync(client, id, "publish", ("stamp", stamp));
        var second = await EditAsync(client, id, "publish", ("stamp", stamp));

        Assert.Contains(Texts.Zh("Plans.Publish.Already"), await client.GetStringAsync(second.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityId == id.ToString() && a.Action == "Plan.Published"));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task Retiring_hides_a_version_from_new_rounds_and_keeps_it_viewable()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();
        await EditAsync(client, id, "publish");

        await EditAsync(client, id, "retire");

        Assert.Equal(PlanVersionStatus.Retired, (await factory.LoadPlanVersionAsync(id)).Status);
        Assert.Contains(Texts.Zh("Plans.Status.Retired"), await client.GetStringAsync($"/plans/{id}"), StringComparison.Ordinal);
        var published = await factory.WithDbAsync(db => new ServiceReview.Web.Features.Plans.PlanService(db, TimeProvider.System).ListPublishedAsync());
        Assert.DoesNotContain(published, v => v.Id == id);
    }

    [Fact]
    public async Task Reordering_by_arrows_and_by_drag_changes_the_order_the_inspector_sees()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();

        await EditAsync(client, id, "categories/move", ("code", "5"), ("offset", "-1"));
        await EditAsync(client, id, "indicators/reorder", ("category", "3"), ("codes", "3.2"));
        var draft = await factory.LoadPlanVersionAsync(id);
        Assert.Equal(["1", "2", "3", "5", "4"], draft.CategoriesInOrder().Select(c => c.Code));

        var all = new List<KeyValuePair<string, string>> { new("category", "3"), new("codes", "3.2"), new("codes", "3.1"), new("stamp", draft.ConcurrencyStamp.ToString()), new("__RequestVerificationToken", await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, $"/plans/{id}/edit")) };
        await client.PostAsync($"/plans/{id}/indicators/reorder", new FormUrlEncodedContent(all));

        Assert.Equal(["3.2", "3.1"], (await factory.LoadPlanVersionAsync(id)).FindCategory("3")!.IndicatorsInOrder().Select(i => i.Code));
    }

    [Fact]
    public async Task An_indicator_whose_bands_do_not_read_is_shown_again_with_the_message_and_what_was_typed()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();

        var response = await EditAsync(client, id, "indicators/save",
            ("CategoryCode", "1"), ("Code", "1.4"), ("Name", "档案抽查"), ("Kind", "Bands"), ("Max", "5"), ("Bands", "≥98→5\n大于90得3分"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Plans.Parameters.Band"), html);
        Assert.Contains("档案抽查", html, StringComparison.Ordinal);
        Assert.Null((await factory.LoadPlanVersionAsync(id)).FindIndicator("1.4"));
    }

    [Fact]
    public async Task An_indicator_with_a_code_already_in_the_version_is_refused()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();

        var response = await EditAsync(client, id, "indicators/save",
            ("CategoryCode", "2"), ("Code", "1.1"), ("Name", "重复"), ("Kind", "Check"), ("Max", "5"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1.1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await factory.LoadPlanVersionAsync(id)).IndicatorsInOrder(), i => i.Code == "1.1");
    }

    [Fact]
    public async Task Editing_an_indicator_keeps_its_place_and_the_preview_form_shows_it()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();

        var form = await client.GetStringAsync($"/plans/{id}/indicators/edit?code=4.2");
        Assert.Contains("value=\"2.5\"", form, StringComparison.Ordinal);
        await EditAsync(client, id, "indicators/save",
            ("OriginalCode", "4.2"), ("CategoryCode", "4"), ("Code", "4.2"), ("Name", "严格按合同条款服务"), ("Kind", "Deduction"), ("Max", "5"), ("PerOccurrence", "1"));

        var draft = await factory.LoadPlanVersionAsync(id);
        Assert.Equal(1m, draft.FindIndicator("4.2")!.PerOccurrence);
        Assert.Equal(["4.1", "4.2", "4.3"], draft.FindCategory("4")!.IndicatorsInOrder().Select(i => i.Code));
        var details = await client.GetStringAsync($"/plans/{id}");
        Assert.Contains($"data-url=\"/api/plans/{id}/score\"", details, StringComparison.Ordinal);
        Assert.Contains("data-indicator=\"4.2\" data-kind=\"Deduction\"", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_plan_starts_as_an_empty_draft_and_a_draft_can_be_deleted()
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        var create = await ServiceReviewWebFactory.PostFormAsync(client, "/plans/create", Fields(("NewPlan.Name", "物业客服考评"), ("NewPlan.Description", "试用")), "/plans");
        var id = ServiceReviewWebFactory.IdFromLocation(create);
        Assert.Matches(Texts.ZhPattern("Error.Plan.NoCategories"), await client.GetStringAsync($"/plans/{id}/edit"));

        var delete = await EditAsync(client, id, "delete");

        Assert.Equal("/plans", delete.Headers.Location!.OriginalString);
        Assert.False(await factory.WithDbAsync(db => db.Plans.AnyAsync(p => p.Name == "物业客服考评")));
    }

    [Fact]
    public async Task A_second_plan_with_the_same_name_is_refused_with_a_message()
    {
        var client = await factory.SignedInAsync("manager@demo.local");

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/plans/create", Fields(("NewPlan.Name", DefaultPlan.Name)), "/plans");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Error.Plan.NameTaken"), System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
    [Fact]
    public async Task Removing_a_category_and_an_indicator_and_changing_the_grades_are_saved_and_audited()
    {
        var (client, id) = await CopyOfDefaultPlanAsync();

        await EditAsync(client, id, "categories/remove", ("code", "5"));
        await EditAsync(client, id, "indicators/remove", ("code", "4.3"));
        await EditAsync(client, id, "grades", ("Bounds[0].Grade", "优秀"), ("Bounds[0].Min", "95"), ("Bounds[1].Grade", "合格"), ("Bounds[1].Min", "70"), ("Bounds[2].Grade", ""), ("Stamp", (await StampAsync(id)).ToString()));

        var draft = await factory.LoadPlanVersionAsync(id);
        Assert.Null(draft.FindCategory("5"));
        Assert.Null(draft.FindIndicator("5.1"));
        Assert.Null(draft.FindIndicator("4.3"));
        Assert.Equal([new GradeBound("优秀", 95m), new GradeBound("合格", 70m)], draft.GradeBounds);
        var actions = await factory.WithDbAsync(db => db.AuditLog.Where(a => a.EntityId == id.ToString() && a.Action == "Plan.Edited").Select(a => a.NewValue).ToListAsync());
        Assert.Equal(["RemoveCategory 5", "RemoveIndicator 4.3", "GradeBounds"], actions);
    }
}
