using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Results;

/// <summary>
/// The round-wide pages read the stored results (ADR 0027): a fixed number of SQL commands, the same for a round of one
/// team as for a round of three teams with more inspections (issue #15).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Round_pages_sql_budgets(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";
    private const string I4 = "inspector4@demo.local";

    private async Task<JourneyRound> RoundAsync(IReadOnlyDictionary<string, string[]> teams)
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.TrimmedMean, teams, null, new DateOnly(2033, 1, 1));
        foreach (var (team, inspectors) in teams)
        {
            foreach (var inspector in inspectors)
            {
                await factory.SubmitAsync(round[team, inspector], F.Inputs.WorkedExample(), confirm: true);
            }
        }

        return round;
    }

    // Counted warm (8, 8, 13, 10, 9 on SQLite), plus one: the round's plan comes from PlanVersionCache, so none of
    // them reads PlanVersions (three commands each before the one plan reader).
    [Theory]
    [InlineData("/Results/Round/{0}", 9)]
    [InlineData("/Results/Round/{0}?q=组&sort=-team&size=10", 9)]
    [InlineData("/Results/Team/{0}/{1}", 14)]
    [InlineData("/Dashboards?roundId={0}", 11)]
    [InlineData("/api/rounds/{0}/results", 10)]
    public async Task A_round_wide_page_runs_as_many_commands_for_three_teams_as_for_one(string path, int budget)
    {
        var small = await RoundAsync(new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var large = await RoundAsync(new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2, I3],
            [F.Lead2Team] = [I1, I2],
            ["政务云热线组"] = [I4],
        });
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var manager = await factory.SignedInAsync("manager@demo.local");
        string Path(int roundId) => string.Format(System.Globalization.CultureInfo.InvariantCulture, path, roundId, teamId);

        // The first read of a round stores its results (the lazy backfill); count the reads after it.
        await manager.GetStringAsync(Path(small.RoundId));
        await manager.GetStringAsync(Path(large.RoundId));
        var one = await factory.SqlCommandsOfGetAsync(manager, Path(small.RoundId));
        var three = await factory.SqlCommandsOfGetAsync(manager, Path(large.RoundId));

        Assert.Equal(HttpStatusCode.OK, one.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, three.Response.StatusCode);
        Assert.True(three.Count <= one.Count, $"{three.Count} commands for three teams, {one.Count} for one:{Environment.NewLine}{three.Listing()}");
        Assert.True(three.Count <= budget, $"{three.Count} commands over a budget of {budget}:{Environment.NewLine}{three.Listing()}");
        Assert.DoesNotContain(three.Commands, c => c.Contains("PlanVersions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_confirmation_updates_the_stored_results_with_the_plan_from_memory_not_from_the_database()
    {
        var pending = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] }, null, new DateOnly(2034, 1, 1));
        await factory.SubmitAsync(pending[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(pending[F.Lead1Team, I2], F.Inputs.Perfect());
        var manager = await factory.SignedInAsync("manager@demo.local");
        await manager.GetStringAsync($"/Results/Round/{pending.RoundId}"); // stores the round's results: the save hook keeps them from now on
        var before = await factory.WithDbAsync(db => db.StoredRoundResults.Where(s => s.RoundId == pending.RoundId).Select(s => s.Version).FirstAsync());

        var lead = await factory.SignedInAsync("lead1@demo.local");
        var id = pending[F.Lead1Team, I2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await lead.GetStringAsync($"/Reviews/Review/{id}");
        var confirm = await factory.SqlCommandsOfAsync(lead, new HttpRequestMessage(HttpMethod.Post, "/Reviews/Confirm")
        {
            Content = new FormUrlEncodedContent([new("id", id), new("stamp", F.StampOf(page)), new("__RequestVerificationToken", F.FormTokenOf(page))]),
        });

        Assert.Equal(HttpStatusCode.Redirect, confirm.Response.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.StoredRoundResults.Where(s => s.RoundId == pending.RoundId).Select(s => s.Version).FirstAsync()) > before,
            "the confirmation did not update the stored results");
        Assert.True(!confirm.Commands.Any(c => c.Contains("PlanVersions", StringComparison.Ordinal)), $"the plan was read from the database:{Environment.NewLine}{confirm.Listing()}");
    }
}
