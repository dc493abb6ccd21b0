using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Running_a_round(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Opening_creates_one_inspection_per_team_and_inspector_and_a_second_click_changes_nothing()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var teams = new[] { await factory.TeamIdAsync("园区客服一组"), await factory.TeamIdAsync("运营支持组") };
        var id = await factory.DraftRoundAsync("开始考评测试", teams, "inspector1@demo.local", "inspector4@demo.local");
        var stamp = Stamp(await factory.RoundStampAsync(id));

        var first = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/Open/{id}", stamp);
        Assert.Matches(Texts.ZhPattern("Rounds.Open.Done"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, first)));
        var second = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/Open/{id}", stamp);

        Assert.Equal(Texts.Zh("Rounds.Open.AlreadyOpen"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, second)));
        var inspections = await factory.InspectionsAsync(id);
        Assert.Equal(4, inspections.Count);
        Assert.All(inspections, i => Assert.Equal(InspectionStatus.Assigned, i.Status));
        var entries = await factory.WithDbAsync(db => db.Inspections.Where(i => i.RoundId == id).SelectMany(i => i.Entries).CountAsync());
        Assert.Equal(4 * 14, entries);
        Assert.Equal(RoundStatus.Open, (await factory.RoundAsync(id)).Status);
        Assert.Equal(["Created", "Opened"], (await factory.AuditAsync("Round", id)).Select(a => a.Action));
    }

    [Fact]
    public async Task The_details_page_shows_each_inspection_with_its_status_and_late_flag()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var closed = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Closed).Select(r => r.Id).FirstAsync());

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Rounds/Details/{closed}"));

        Assert.Equal(15, System.Text.RegularExpressions.Regex.Count(html, "data-inspection-id=\"\\d+\""));
        Assert.Contains(Texts.Zh("Rounds.InspectionStatus.Confirmed"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Exports.Record.Minutes"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Rounds.Status.Closed"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unstarted_inspection_is_reassigned_but_a_started_or_conflicted_one_is_refused()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamWithMemberAsync("改派测试组", "inspector5@demo.local");
        var id = await factory.OpenRoundAsync("改派测试", [team], "inspector1@demo.local", "inspector2@demo.local");
        var inspections = await factory.InspectionsAsync(id);
        var target = await factory.PersonIdAsync("inspector3@demo.local");
        var insider = await factory.PersonIdAsync("inspector5@demo.local");

        var conflicted = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/Reassign/{id}", Action(inspections[0], ("InspectorId", insider)));
        Assert.Matches(Texts.ZhPattern("Error.Round.ConflictOfInterest"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, conflicted)));
        Assert.Equal(inspections[0].InspectorId, (await factory.InspectionsAsync(id))[0].InspectorId);

        var done = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/Reassign/{id}", Action(inspections[0], ("InspectorId", target)));
        Assert.Equal(Texts.Zh("Rounds.Reassign.Done"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, done)));
        Assert.Equal(target, (await factory.InspectionsAsync(id))[0].InspectorId);
        Assert.Contains(target, (await factory.RoundAsync(id)).Assignments.Select(a => a.InspectorId));
        var audit = Assert.Single(await factory.AuditAsync("Inspection", inspections[0].Id));
        Assert.Equal(("Reassigned", await factory.NameOfAsync("inspector3@demo.local")), (audit.Action, audit.NewValue));

        await StartAsync(inspections[1].Id);
        var started = (await factory.InspectionsAsync(id))[1];
        var refused = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/Reassign/{id}", Action(started, ("InspectorId", await factory.PersonIdAsync("inspector4@demo.local"))));
        Assert.Contains(Texts.Zh("Error.Inspection.AlreadyStarted"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, refused)), StringComparison.Ordinal);
        Assert.Equal(started.InspectorId, (await factory.InspectionsAsync(id))[1].InspectorId);
    }

    [Fact]
    public async Task Reopening_needs_a_reason_and_then_lets_the_inspection_be_submitted_again()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var closed = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var inspection = (await factory.InspectionsAsync(closed))[0];

        var withoutReason = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{closed}", $"/Rounds/Reopen/{closed}", Action(inspection, ("Reason", "  ")));
        Assert.Equal(Texts.Zh("Rounds.Reopen.ReasonRequired"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, withoutReason)));
        Assert.Equal(InspectionStatus.Confirmed, (await factory.InspectionsAsync(closed))[0].Status);

        var reopened = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{closed}", $"/Rounds/Reopen/{closed}", Action(inspection, ("Reason", "组长反馈 3.1 评分依据有误")));
        Assert.Matches(Texts.ZhPattern("Rounds.Reopen.Done"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, reopened)));
        var after = (await factory.InspectionsAsync(closed))[0];
        Assert.Equal(InspectionStatus.InProgress, after.Status);
        Assert.Equal("组长反馈 3.1 评分依据有误", after.ReopenReason);
        Assert.Equal("Reopened", Assert.Single(await factory.AuditAsync("Inspection", inspection.Id)).Action);

        var stale = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{closed}", $"/Rounds/Reopen/{closed}", Action(inspection, ("Reason", "再来一次")));
        Assert.Matches(Texts.ZhPattern("Error.Concurrency.Conflict"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, stale)));
    }

    [Fact]
    public async Task An_inspection_of_another_round_is_404_and_unchanged()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var rounds = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderBy(r => r.Id).Select(r => r.Id).Take(2).ToListAsync());
        var inspection = (await factory.InspectionsAsync(rounds[1]))[0];

        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{rounds[0]}", $"/Rounds/Reopen/{rounds[0]}", Action(inspection, ("Reason", "错误的批次")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await factory.InspectionsAsync(rounds[1]))[0].ReopenReason);
    }

    [Fact]
    public async Task A_manager_closes_an_open_round_once()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var id = await factory.OpenRoundAsync("手动结束测试", [await factory.TeamIdAsync("政务云热线组")], "inspector1@demo.local");
        var stamp = Stamp(await factory.RoundStampAsync(id));

        var first = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/Close/{id}", stamp);
        Assert.Equal(Texts.Zh("Rounds.Close.Done"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, first)));
        var second = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/Close/{id}", stamp);

        Assert.Equal(Texts.Zh("Rounds.Close.AlreadyClosed"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, second)));
        Assert.Equal(RoundStatus.Closed, (await factory.RoundAsync(id)).Status);
        Assert.Equal(["Created", "Opened", "Closed"], (await factory.AuditAsync("Round", id)).Select(a => a.Action));
    }

    [Fact]
    public async Task A_draft_is_deleted_but_an_open_round_is_not()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("政务云驻场组");
        var draft = await factory.DraftRoundAsync("删除草稿测试", [team], "inspector1@demo.local");
        var open = await factory.OpenRoundAsync("不能删除测试", [team], "inspector1@demo.local");

        var deleted = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds", $"/Rounds/Delete/{draft}", Stamp(await factory.RoundStampAsync(draft)));
        Assert.Equal(Texts.Zh("Rounds.Delete.Done"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, deleted)));
        var refused = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds", $"/Rounds/Delete/{open}", Stamp(await factory.RoundStampAsync(open)));

        Assert.False(await factory.WithDbAsync(db => db.Rounds.AnyAsync(r => r.Id == draft)));
        Assert.Equal("Deleted", (await factory.AuditAsync("Round", draft))[^1].Action);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Rounds.AnyAsync(r => r.Id == open)));
    }

    private static KeyValuePair<string, string>[] Stamp(Guid stamp) => [new("concurrencyStamp", stamp.ToString())];

    private static List<KeyValuePair<string, string>> Action(Inspection inspection, params (string Key, object Value)[] more)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("InspectionId", inspection.Id.ToString(CultureInfo.InvariantCulture)),
            new("ConcurrencyStamp", inspection.ConcurrencyStamp.ToString()),
        };
        fields.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Key, Convert.ToString(m.Value, CultureInfo.InvariantCulture)!)));
        return fields;
    }

    private Task<int> StartAsync(int inspectionId) =>
        factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Entries).SingleAsync(i => i.Id == inspectionId);
            inspection.SaveDraft([], 120, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
}
