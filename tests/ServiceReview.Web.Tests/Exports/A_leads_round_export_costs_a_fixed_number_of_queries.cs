using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>
/// Issue #15 target 4: a lead's one-team round workbook asked the database once per team of the round (1,012 SQL
/// commands at 500 teams). It now costs a fixed number of commands, whatever the number of teams in the round.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class A_leads_round_export_costs_a_fixed_number_of_queries(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";

    private Task<IReadOnlyList<string>> ExtraTeamsAsync(int count) => factory.WithDbAsync<IReadOnlyList<string>>(async db =>
    {
        var projectId = await db.Teams.Where(t => t.Name == F.Lead1Team).Select(t => t.ProjectId).SingleAsync();
        var names = Enumerable.Range(1, count).Select(i => $"预算组{Guid.NewGuid():N}"[..10]).ToList();
        db.Teams.AddRange(names.Select(n => new Team(projectId, n)));
        await db.SaveChangesAsync();
        return names;
    });

    private async Task<SqlCommandsOfRequest> LeadExportAsync(IReadOnlyList<string> extraTeams)
    {
        var teams = new Dictionary<string, string[]> { [F.Lead1Team] = [I1] };
        foreach (var name in extraTeams)
        {
            teams[name] = [I1];
        }

        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, teams);
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        foreach (var name in extraTeams)
        {
            await factory.SubmitAsync(round[name, I1], F.Inputs.Perfect(), confirm: true);
        }

        var lead = await factory.SignedInAsync("lead1@demo.local");
        return await factory.SqlCommandsOfGetAsync(lead, $"/rounds/{round.RoundId}/export");
    }

    [Fact]
    public async Task A_leads_one_team_workbook_takes_at_most_ten_commands_and_more_teams_add_none()
    {
        await factory.EnsureDemoDataAsync();
        var small = await LeadExportAsync([]);
        var large = await LeadExportAsync(await ExtraTeamsAsync(8));

        Assert.Equal(HttpStatusCode.OK, small.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, large.Response.StatusCode);
        using var book = F.OpenWorkbook(large.Body);
        Assert.Equal([F.Lead1Team, "整改"], book.Worksheets.Select(w => w.Name));
        Assert.True(large.Count <= 10, large.Listing());
        Assert.True(large.Count == small.Count, $"1 team: {small.Count}, 9 teams: {large.Count}{Environment.NewLine}{large.Listing()}");
    }
}
