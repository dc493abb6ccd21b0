using System.Net;
using System.Text.Json;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Round_results(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";
    private const string I4 = "inspector4@demo.local";

    /// <summary>
    /// Trimmed mean. Team 1: confirmed 100, 73.1 and a vetoed 0 → 73.1 (trimmed). Team 2: confirmed 73.1 and a submitted
    /// 100 that does not count → 73.1. Both rank 1. 政务云热线组: nothing confirmed → no total, no rank.
    /// </summary>
    private async Task<JourneyRound> TrimmedRoundAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.TrimmedMean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2, I3],
            [F.Lead2Team] = [I1, I2],
            ["政务云热线组"] = [I4],
        });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.Vetoed(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I2], F.Inputs.Perfect());
        return round;
    }

    private static JsonElement TeamOf(JsonElement root, string name) =>
        root.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("team").GetString() == name);

    [Fact]
    public async Task The_json_has_the_contract_shape_with_trimmed_mean_ties_and_teams_without_results()
    {
        var round = await TrimmedRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{round.RoundId}/results"));
        var root = json.RootElement;

        Assert.Equal(round.RoundId, root.GetProperty("round").GetProperty("id").GetInt32());
        Assert.Equal("Open", root.GetProperty("round").GetProperty("status").GetString());
        Assert.Equal("TrimmedMean", root.GetProperty("round").GetProperty("aggregation").GetString());
        Assert.True(root.GetProperty("round").TryGetProperty("planVersionId", out _));
        var one = TeamOf(root, F.Lead1Team);
        var two = TeamOf(root, F.Lead2Team);
        var none = TeamOf(root, "政务云热线组");
        Assert.Equal(73.1m, one.GetProperty("total").GetDecimal());
        Assert.True(one.GetProperty("trimmed").GetBoolean());
        Assert.Equal("合格", one.GetProperty("grade").GetString());
        Assert.Equal(73.1m, two.GetProperty("total").GetDecimal());
        Assert.False(two.GetProperty("trimmed").GetBoolean());
        Assert.Equal(1, one.GetProperty("rank").GetInt32());
        Assert.Equal(1, two.GetProperty("rank").GetInt32());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("rank").ValueKind);
        Assert.True(one.TryGetProperty("project", out _));
        Assert.True(one.TryGetProperty("teamId", out _));

        var vetoed = one.GetProperty("inspections").EnumerateArray().Single(i => i.GetProperty("vetoedBy").ValueKind == JsonValueKind.String);
        Assert.Equal("4.3", vetoed.GetProperty("vetoedBy").GetString());
        Assert.Equal(0m, vetoed.GetProperty("total").GetDecimal());
        Assert.Equal(68.1m, vetoed.GetProperty("totalBeforeVeto").GetDecimal());
        Assert.Equal("Confirmed", vetoed.GetProperty("status").GetString());
        Assert.Equal(I3, vetoed.GetProperty("inspector").GetString());
        var items = vetoed.GetProperty("items");
        Assert.Equal(96m, items.GetProperty("1.1").GetProperty("value").GetDecimal());
        Assert.Equal(6m, items.GetProperty("1.1").GetProperty("points").GetDecimal());
        Assert.True(items.GetProperty("2.2").GetProperty("na").GetBoolean());
        Assert.False(items.GetProperty("2.2").TryGetProperty("points", out _));
        Assert.Equal(Texts.Zh("Analytics.Reading.Good"), items.GetProperty("2.3").GetProperty("level").GetString());
        Assert.Equal(2, items.GetProperty("1.2").GetProperty("count").GetInt32());
        Assert.False(items.GetProperty("4.3").GetProperty("pass").GetBoolean());
        var category1 = vetoed.GetProperty("categories").EnumerateArray().First();
        Assert.Equal("1", category1.GetProperty("code").GetString());
        Assert.Equal(16m, category1.GetProperty("score").GetDecimal());

        // The submitted-but-unconfirmed 100 of team 2 is listed with its status but does not count.
        Assert.Contains(two.GetProperty("inspections").EnumerateArray(), i => i.GetProperty("status").GetString() == "Submitted");
    }

    [Fact]
    public async Task Every_figure_of_a_team_comes_from_the_same_counted_inspections_so_its_categories_add_up()
    {
        var round = await TrimmedRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{round.RoundId}/results"));
        var one = TeamOf(json.RootElement, F.Lead1Team);

        // 100 (perfect), 73.1 (worked example) and 0 (vetoed, 68.1 before) under the trimmed mean: only 73.1 counts,
        // so the team's categories are the worked example's and add up to its total (before: plain means of all three).
        var worked = one.GetProperty("inspections").EnumerateArray().Single(i => i.GetProperty("total").GetDecimal() == 73.1m);
        Assert.Equal([worked.GetProperty("id").GetInt32()], one.GetProperty("counted").EnumerateArray().Select(e => e.GetInt32()));
        var categories = one.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], categories.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal([16.0m, 20.0m, 16.0m, 11.5m, 9.6m], categories.Select(c => c.GetProperty("score").GetDecimal()));
        Assert.InRange(Math.Abs(categories.Sum(c => c.GetProperty("score").GetDecimal()) - one.GetProperty("total").GetDecimal()), 0m, 0.1m * categories.Count);

        // A team without a confirmed inspection counts nothing.
        var none = TeamOf(json.RootElement, "政务云热线组");
        Assert.Empty(none.GetProperty("counted").EnumerateArray());
        Assert.All(none.GetProperty("categories").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("score").ValueKind));
    }

    [Fact]
    public async Task A_vetoed_inspection_counts_as_zero_in_a_plain_mean()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.Vetoed(), confirm: true);
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{round.RoundId}/results"));

        // (73.1 + 0) / 2 = 36.55 → 36.6; had the veto counted 68.1 it would be 70.6.
        Assert.Equal(36.6m, TeamOf(json.RootElement, F.Lead1Team).GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task The_team_page_shows_category_means_of_the_counted_inspections_which_ones_count_rank_and_totals()
    {
        var round = await TrimmedRoundAsync();
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var page = await manager.GetStringAsync($"/Results/Team/{round.RoundId}/{teamId}");
        var ranking = await manager.GetStringAsync($"/Results/Round/{round.RoundId}");

        // Category 4 (weight 15) was 15, 11.5 and 6.5: only the counted middle inspection (the worked example) decides → 11.5.
        Assert.Contains("data-category-score=\"4\">11.5<", page, StringComparison.Ordinal);
        Assert.Contains("data-aggregation-explained", page, StringComparison.Ordinal);
        Assert.Contains("data-middle-alone", page, StringComparison.Ordinal);
        Assert.Equal(1, page.Split("data-counted=\"true\"").Length - 1);
        Assert.Contains("data-dropped=\"highest\"", page, StringComparison.Ordinal);
        Assert.Contains("data-dropped=\"lowest\"", page, StringComparison.Ordinal);
        Assert.Contains("data-team-total>73.1<", page, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Results.RankOf", "1", "3"), page, StringComparison.Ordinal);
        Assert.Contains($"/Results/Team/{round.RoundId}/{teamId}", ranking, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lead_sees_their_own_team_but_not_another()
    {
        var round = await TrimmedRoundAsync();
        var own = await factory.TeamIdAsync(F.Lead1Team);
        var other = await factory.TeamIdAsync(F.Lead2Team);
        var lead = await factory.SignedInAsync("lead1@demo.local");

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/Results/Team/{round.RoundId}/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/Results/Team/{round.RoundId}/{other}")).StatusCode);
        Assert.Contains("AccessDenied", (await lead.GetAsync($"/Results/Round/{round.RoundId}")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inspector_sees_the_team_result_only_after_submitting_their_own_inspection()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var url = $"/Results/Team/{round.RoundId}/{teamId}";
        var submitted = await factory.SignedInAsync(I1);
        var notYet = await factory.SignedInAsync(I2);
        var stranger = await factory.SignedInAsync(I4);

        Assert.Equal(HttpStatusCode.OK, (await submitted.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await notYet.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_json_answers_401_signed_out_403_outside_the_role_and_404_for_an_unknown_round()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var manager = await factory.SignedInAsync("manager@demo.local");
        var lead = await factory.SignedInAsync("lead1@demo.local");

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowser().GetAsync($"/api/rounds/{round.RoundId}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/rounds/{round.RoundId}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/rounds/987654/results")).StatusCode);
    }

    [Fact]
    public async Task Feedback_from_the_manager_is_shown_to_the_lead_and_audited()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var url = $"/Results/Team/{round.RoundId}/{teamId}";
        var manager = await factory.SignedInAsync("manager@demo.local");
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var response = await F.PostFormAsync(manager, url, url + "/Feedback", [new("Text", "归档及时率需要提升，请本月内完成整改。")]);
        var leadPost = await F.PostFormAsync(lead, url, url + "/Feedback", [new("Text", "lead may not write")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, leadPost.StatusCode);
        Assert.Contains("归档及时率需要提升，请本月内完成整改。", await lead.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditLog, a => a.EntityType == "FeedbackNote")));
    }
}
