using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Planning_a_round(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_manager_creates_a_draft_with_teams_and_inspectors_and_the_audit_log_says_so()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("园区客服二组");
        var a = await factory.PersonIdAsync("inspector1@demo.local");
        var b = await factory.PersonIdAsync("inspector4@demo.local");

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds/Create", "/Rounds/Create",
            await FormAsync("2026年12月专项考评", (team, [a, b])));

        var html = await RoundsTestData.FollowAsync(client, response);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var round = await factory.RoundAsync(id);
        Assert.Equal(RoundStatus.Draft, round.Status);
        Assert.Equal("2026年12月专项考评", round.Name);
        Assert.Equal([team], round.Teams.Select(t => t.TeamId));
        Assert.Equal([a, b], round.Assignments.Select(x => x.InspectorId).Order());
        Assert.Equal(new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc), round.WindowOpensAt);
        Assert.Equal(AggregationMethod.TrimmedMean, round.Aggregation);
        Assert.Equal("Created", Assert.Single(await factory.AuditAsync("Round", id)).Action);
        Assert.Contains("考评批次草稿已保存", RoundsTestData.StatusMessage(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inspector_who_belongs_to_the_team_is_refused_next_to_that_team_and_nothing_is_saved()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamWithMemberAsync("利益冲突测试组", "inspector5@demo.local");
        var insider = await factory.PersonIdAsync("inspector5@demo.local");
        var before = await factory.WithDbAsync(db => db.Rounds.CountAsync());

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds/Create", "/Rounds/Create",
            await FormAsync("冲突批次名称保留", (team, [insider])));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var teamBlock = html[html.IndexOf($"data-team-id=\"{team}\"", StringComparison.Ordinal)..];
        teamBlock = teamBlock[..teamBlock.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Contains("border-danger", html[..html.IndexOf($"data-team-id=\"{team}\"", StringComparison.Ordinal)][^40..], StringComparison.Ordinal);
        Assert.Matches(Texts.ZhPattern("Error.Round.ConflictOfInterest"), teamBlock);
        Assert.Contains("value=\"冲突批次名称保留\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Rounds.CountAsync()));
    }

    [Fact]
    public async Task The_form_does_not_offer_an_inspector_who_belongs_to_the_team_and_lists_the_others_best_first()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamWithMemberAsync("候选排序测试组", "inspector2@demo.local");
        var insider = await factory.PersonIdAsync("inspector2@demo.local");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Rounds/Create"));

        var block = TeamBlock(html, team);
        Assert.DoesNotContain($"team-{team}-inspector-{insider}\"", block, StringComparison.Ordinal);
        var offered = System.Text.RegularExpressions.Regex.Matches(block, "(\\d+) 年经验 · 在办 (\\d+) 项")
            .Select(m => (Years: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Work: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        // Five demo inspectors less the insider, and less inspector5, whom the demo data limits to two demo projects.
        Assert.Equal(3, offered.Count);
        Assert.Equal(offered.OrderBy(o => o.Work).ThenByDescending(o => o.Years), offered);
    }

    [Fact]
    public async Task Suggest_fills_three_inspectors_for_each_ticked_team_without_any_and_saves_nothing()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var first = await factory.TeamIdAsync("政务云热线组");
        var second = await factory.TeamIdAsync("政务云驻场组");
        var before = await factory.WithDbAsync(db => db.Rounds.CountAsync());
        var fields = await FormAsync("推荐测试", (first, []), (second, []));
        fields.Add(new("Command", "suggest"));

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds/Create", "/Rounds/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, CheckedInspectors(TeamBlock(html, first)));
        Assert.Equal(3, CheckedInspectors(TeamBlock(html, second)));
        Assert.Matches(Texts.ZhPattern("Rounds.Form.Suggested"), html);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Rounds.CountAsync()));
    }

    [Fact]
    public async Task A_team_without_an_inspector_is_refused_with_the_reason_next_to_it()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("运营支持组");

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds/Create", "/Rounds/Create", await FormAsync("无检查员", (team, [])));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var block = TeamBlock(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), team);
        Assert.Contains(Texts.Zh("Rounds.Form.TeamNeedsInspector"), block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_fields_are_refused_in_Chinese_and_what_was_typed_is_kept()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("运营支持组");
        var fields = (await FormAsync("保留我", (team, [await factory.PersonIdAsync("inspector1@demo.local")])))
            .Where(f => f.Key != "PeriodEnd").ToList();

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds/Create", "/Rounds/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Texts.Zh("Rounds.Form.PeriodEnd"), html, StringComparison.Ordinal);
        Assert.Matches("field-validation-error[^>]*>[^<]*考评期间：结束日期", html);
        Assert.Contains("value=\"保留我\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_out_of_order_and_no_team_at_all_are_refused_in_Chinese()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var fields = (await FormAsync("日期颠倒"))
            .Select(f => f.Key switch
            {
                "PeriodEnd" => new KeyValuePair<string, string>("PeriodEnd", "2026-10-01"),
                "WindowClosesAt" => new KeyValuePair<string, string>("WindowClosesAt", "2026-11-30T09:00"),
                _ => f,
            })
            .ToList();
        var before = await factory.WithDbAsync(db => db.Rounds.CountAsync());

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds/Create", "/Rounds/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Texts.Zh("Rounds.Form.PeriodEndsBeforeStart"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Rounds.Form.WindowClosesBeforeOpen"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Rounds.Form.NoTeams"), html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Rounds.CountAsync()));
    }

    [Fact]
    public async Task A_draft_is_edited_and_a_stale_form_gets_the_conflict_message()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("园区客服一组");
        var id = await factory.DraftRoundAsync("待编辑批次", [team], "inspector1@demo.local");
        var stamp = await factory.RoundStampAsync(id);
        var inspector = await factory.PersonIdAsync("inspector3@demo.local");

        var fields = await FormAsync("已编辑批次", (team, [inspector]));
        fields.Add(new("ConcurrencyStamp", stamp.ToString()));
        var saved = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Edit/{id}", $"/Rounds/Edit/{id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var round = await factory.RoundAsync(id);
        Assert.Equal("已编辑批次", round.Name);
        Assert.Equal([inspector], round.Assignments.Select(a => a.InspectorId));
        Assert.Equal(["Created", "Updated"], (await factory.AuditAsync("Round", id)).Select(a => a.Action));

        var stale = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Edit/{id}", $"/Rounds/Edit/{id}", fields);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Matches(Texts.ZhPattern("Error.Concurrency.Conflict"), WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal(2, (await factory.AuditAsync("Round", id)).Count);
    }

    [Fact]
    public async Task An_open_round_cannot_be_edited()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("园区客服一组");
        var id = await factory.OpenRoundAsync("已开始不能编辑", [team], "inspector1@demo.local");

        var get = await client.GetAsync($"/Rounds/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);

        var fields = await FormAsync("偷偷改名", (team, [await factory.PersonIdAsync("inspector1@demo.local")]));
        fields.Add(new("ConcurrencyStamp", (await factory.RoundStampAsync(id)).ToString()));
        var post = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds/Create", $"/Rounds/Edit/{id}", fields);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("已开始不能编辑", (await factory.RoundAsync(id)).Name);
    }

    [Fact]
    public async Task Editing_a_round_that_does_not_exist_is_404()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Rounds/Edit/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Rounds/Details/999999")).StatusCode);
    }

    private async Task<List<KeyValuePair<string, string>>> FormAsync(string name, params (int TeamId, int[] Inspectors)[] teams)
    {
        var plan = await factory.PublishedPlanIdAsync();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Name", name),
            new("PeriodStart", "2026-11-01"),
            new("PeriodEnd", "2026-11-30"),
            new("PlanVersionId", plan.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("WindowOpensAt", "2026-12-01T09:00"),
            new("WindowClosesAt", "2026-12-15T18:00"),
            new("Aggregation", "TrimmedMean"),
        };
        for (var i = 0; i < teams.Length; i++)
        {
            fields.Add(new($"Teams[{i}].TeamId", teams[i].TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new($"Teams[{i}].Selected", "true"));
            fields.AddRange(teams[i].Inspectors.Select(id => new KeyValuePair<string, string>($"Teams[{i}].InspectorIds", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return fields;
    }

    private static string TeamBlock(string html, int teamId)
    {
        var start = html.IndexOf($"data-team-id=\"{teamId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Team {teamId} is not on the form.");
        var end = html.IndexOf("data-team-id=", start + 10, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    private static int CheckedInspectors(string block) =>
        System.Text.RegularExpressions.Regex.Count(block, "name=\"Teams\\[\\d+\\]\\.InspectorIds\" value=\"\\d+\" id=\"[^\"]+\" checked");
}
