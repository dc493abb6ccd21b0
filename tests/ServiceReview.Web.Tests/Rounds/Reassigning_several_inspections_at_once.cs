using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

/// <summary>
/// Issue #17 item 9: a manager ticks several unstarted inspections and gives them to one inspector who may take every
/// one of them (the rules of a single reassign: conflict of interest, project, not twice on a team), all or none,
/// audited and notified as a single reassign is; refused ones are named with the reason.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Reassigning_several_inspections_at_once(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_reassign_page_offers_only_who_may_take_all_and_says_why_the_others_are_left_out()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var conflicted = await factory.TeamWithMemberAsync("批量改派冲突组", "inspector5@demo.local");
        var plain = (await factory.TeamsOfNewProjectAsync("批量改派", 1))[0];
        var id = await factory.OpenRoundAsync("批量改派候选", [conflicted, plain], "inspector1@demo.local");
        var inspections = await factory.InspectionsAsync(id);
        var insider = await factory.PersonIdAsync("inspector5@demo.local");
        var current = await factory.PersonIdAsync("inspector1@demo.local");

        var page = Html.Parse(await client.GetStringAsync($"/Rounds/Reassign/{id}?{string.Join("&", inspections.Select(i => $"inspection={i.Id}"))}"));

        var offered = page.QuerySelectorAll("select[name='InspectorId'] option[value]").Select(o => o.GetAttribute("value")).Where(v => v!.Length > 0).ToList();
        Assert.NotEmpty(offered);
        Assert.DoesNotContain(Str(insider), offered);
        Assert.DoesNotContain(Str(current), offered);
        Assert.Equal("Member", page.QuerySelector($"[data-excluded-inspector='{insider}'] [data-reason]")?.GetAttribute("data-reason"));
        Assert.Equal("Assigned", page.QuerySelector($"[data-excluded-inspector='{current}'] [data-reason]")?.GetAttribute("data-reason"));
        Assert.Equal(2, page.QuerySelectorAll("[data-chosen] [data-inspection-id]").Length);
    }

    [Fact]
    public async Task Several_inspections_go_to_one_inspector_audited_and_notified_each()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var teams = await factory.TeamsOfNewProjectAsync("批量改派成功", 3);
        var id = await factory.OpenRoundAsync("批量改派成功", teams, "inspector1@demo.local");
        var inspections = await factory.InspectionsAsync(id);
        var target = await factory.PersonIdAsync("inspector3@demo.local");
        var chosen = inspections.Take(2).ToList();

        var response = await PostAsync(client, id, chosen, target);

        Assert.Equal(Texts.Zh("Rounds.ReassignSeveral.Done", 2), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, response)));
        var after = await factory.InspectionsAsync(id);
        Assert.Equal([target, target, inspections[2].InspectorId], after.Select(i => i.InspectorId));
        foreach (var inspection in chosen)
        {
            var audit = Assert.Single(await factory.AuditAsync("Inspection", inspection.Id));
            Assert.Equal(("Reassigned", await factory.NameOfAsync("inspector1@demo.local"), await factory.NameOfAsync("inspector3@demo.local")), (audit.Action, audit.OldValue, audit.NewValue));
        }

        var told = await factory.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == target && n.Kind == NotificationKind.Assigned && n.SubjectType == "Inspection")
            .Select(n => n.SubjectId).ToListAsync());
        Assert.Equal(chosen.Select(i => i.Id).Order(), told.Where(chosen.Select(i => i.Id).Contains).Order());
        Assert.Equal(2, (await factory.RoundAsync(id)).Assignments.Count(a => a.InspectorId == target));
    }

    [Fact]
    public async Task When_one_cannot_be_reassigned_none_is_and_the_page_says_which_and_why()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var conflicted = await factory.TeamWithMemberAsync("批量改派拒绝组", "inspector3@demo.local");
        var plain = (await factory.TeamsOfNewProjectAsync("批量改派拒绝", 2));
        var id = await factory.OpenRoundAsync("批量改派拒绝", [conflicted, .. plain], "inspector1@demo.local");
        var inspections = await factory.InspectionsAsync(id);
        var inConflict = inspections.Single(i => i.TeamId == conflicted);
        var stale = inspections.Single(i => i.TeamId == plain[1]);
        await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == stale.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ConcurrencyStamp, Guid.NewGuid())));

        var response = await PostAsync(client, id, inspections, await factory.PersonIdAsync("inspector3@demo.local"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var refused = page.QuerySelectorAll("[data-refused-inspection]").ToDictionary(e => e.GetAttribute("data-refused-inspection")!, e => WebUtility.HtmlDecode(e.TextContent));
        Assert.Equal(new[] { Str(inConflict.Id), Str(stale.Id) }.Order(StringComparer.Ordinal), refused.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(Texts.ZhPattern("Error.Round.ConflictOfInterest"), refused[Str(inConflict.Id)]);
        Assert.Contains(Texts.Zh("Rounds.ReassignSeveral.Changed"), refused[Str(stale.Id)], StringComparison.Ordinal);
        Assert.Equal(inspections.Select(i => i.InspectorId), (await factory.InspectionsAsync(id)).Select(i => i.InspectorId));
        foreach (var inspection in inspections)
        {
            Assert.Empty(await factory.AuditAsync("Inspection", inspection.Id));
        }
    }

    [Fact]
    public async Task A_started_inspection_is_shown_apart_and_not_offered()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var teams = await factory.TeamsOfNewProjectAsync("批量改派已开始", 2);
        var id = await factory.OpenRoundAsync("批量改派已开始", teams, "inspector1@demo.local");
        var inspections = await factory.InspectionsAsync(id);
        await factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == inspections[0].Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InspectionStatus.InProgress)));

        var page = Html.Parse(await client.GetStringAsync($"/Rounds/Reassign/{id}?inspection={inspections[0].Id}&inspection={inspections[1].Id}"));

        Assert.NotNull(page.QuerySelector($"[data-unmovable] [data-inspection-id='{inspections[0].Id}']"));
        Assert.Equal([Str(inspections[1].Id)], page.QuerySelectorAll("[data-chosen] [data-inspection-id]").Select(e => e.GetAttribute("data-inspection-id")));
        Assert.Equal([Str(inspections[1].Id)], page.QuerySelectorAll("form[data-reassign-form] input[name$='.InspectionId']").Select(e => e.GetAttribute("value")));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int roundId, List<Inspection> inspections, int inspectorId)
    {
        var page = $"/Rounds/Reassign/{roundId}?{string.Join("&", inspections.Select(i => $"inspection={i.Id}"))}";
        var fields = new List<KeyValuePair<string, string>>();
        for (var n = 0; n < inspections.Count; n++)
        {
            fields.Add(new($"Items[{n}].InspectionId", Str(inspections[n].Id)));
            fields.Add(new($"Items[{n}].ConcurrencyStamp", inspections[n].ConcurrencyStamp.ToString()));
        }

        fields.Add(new("InspectorId", Str(inspectorId)));
        fields.Add(new("ReturnUrl", $"/Rounds/Details/{roundId}?sort=Team"));
        return await ServiceReviewWebFactory.PostFormAsync(client, page, $"/Rounds/ReassignSeveral/{roundId}", fields);
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
