using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Feedback;

/// <summary>
/// Issue #17 item 6: corrective actions raised together on one page each have their own owner and due date, the shared
/// ones above the table being the default; a refused row shows its error at that row, and nothing typed is lost.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Corrective_actions_raised_together(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";

    private async Task<(int RoundId, int TeamId, int Lead, int Member)> ConfirmedRoundAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        var member = await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId)
            .SelectMany(t => t.Members).Select(m => m.PersonId).Where(id => id != lead)
            .Join(db.People.Where(p => p.IsActive), id => id, p => p.Id, (id, _) => id).FirstAsync());
        return (round.RoundId, teamId, lead, member);
    }

    private static List<KeyValuePair<string, string>> Form(int roundId, int teamId, int sharedOwner, string sharedDue, params (int Index, string Code, string Description, string Owner, string Due)[] rows)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("RoundId", roundId.ToString()), new("TeamId", teamId.ToString()), new("OwnerId", sharedOwner.ToString()), new("DueDate", sharedDue),
        };
        foreach (var row in rows)
        {
            fields.Add(new($"Items[{row.Index}].Code", row.Code));
            fields.Add(new($"Items[{row.Index}].Selected", "true"));
            fields.Add(new($"Items[{row.Index}].Description", row.Description));
            fields.Add(new($"Items[{row.Index}].OwnerId", row.Owner));
            fields.Add(new($"Items[{row.Index}].DueDate", row.Due));
        }

        return fields;
    }

    [Fact]
    public async Task Each_action_gets_its_own_owner_and_due_date_or_else_the_shared_ones()
    {
        var (roundId, teamId, lead, member) = await ConfirmedRoundAsync();
        var inspector = await factory.SignedInAsync(I1);
        var page = $"/Actions/Create?roundId={roundId}&teamId={teamId}";

        // The page offers each row its own owner and due date.
        var html = Html.Parse(await inspector.GetStringAsync(page));
        Assert.NotNull(html.QuerySelector("select[name='Items[0].OwnerId']"));
        Assert.NotNull(html.QuerySelector("input[type=date][name='Items[0].DueDate']"));

        var response = await F.PostFormAsync(inspector, page, "/Actions/Create", Form(roundId, teamId, lead, "2099-12-31",
            (0, "5.1", "整改 5.1 自己的责任人", member.ToString(), "2099-06-30"),
            (1, "5.3", "整改 5.3 共同的责任人", "", "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var raised = await factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.RoundId == roundId)
            .Select(a => new { a.IndicatorCode, a.OwnerId, a.DueDate }).ToListAsync());
        Assert.Equal(2, raised.Count);
        var own = raised.Single(a => a.IndicatorCode == "5.1");
        Assert.Equal(member, own.OwnerId);
        Assert.Equal(new DateOnly(2099, 6, 30), own.DueDate);
        var shared = raised.Single(a => a.IndicatorCode == "5.3");
        Assert.Equal(lead, shared.OwnerId);
        Assert.Equal(new DateOnly(2099, 12, 31), shared.DueDate);
    }

    [Fact]
    public async Task A_refused_row_shows_its_error_at_that_row_and_keeps_everything_typed()
    {
        var (roundId, teamId, lead, member) = await ConfirmedRoundAsync();
        var outsider = await factory.PersonIdAsync("lead2@demo.local");
        var inspector = await factory.SignedInAsync(I1);
        var page = $"/Actions/Create?roundId={roundId}&teamId={teamId}";

        var response = await F.PostFormAsync(inspector, page, "/Actions/Create", Form(roundId, teamId, lead, "2099-12-31",
            (0, "5.1", "整改 5.1 已逾期", member.ToString(), "2000-01-01"),
            (1, "5.3", "整改 5.3 别组的人", outsider.ToString(), "2099-05-01")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Texts.Zh("Actions.Create.RowDueInThePast", "5.1"), html.QuerySelector("[data-action-row='5.1'] [data-row-error='Items[0].DueDate']")?.TextContent.Trim());
        Assert.Equal(Texts.Zh("Actions.Create.RowOwnerNotInTeam", "5.3"), html.QuerySelector("[data-action-row='5.3'] [data-row-error='Items[1].OwnerId']")?.TextContent.Trim());
        Assert.Null(html.QuerySelector("[data-action-row='5.1'] [data-row-error='Items[0].OwnerId']"));
        Assert.Equal("true", html.QuerySelector("#due-0")?.GetAttribute("aria-invalid"));

        // Nothing typed is lost: the descriptions, each row's owner and due date, and the selection.
        Assert.Equal("整改 5.1 已逾期", html.QuerySelector("input[name='Items[0].Description']")?.GetAttribute("value"));
        Assert.Equal("整改 5.3 别组的人", html.QuerySelector("input[name='Items[1].Description']")?.GetAttribute("value"));
        Assert.Equal("2000-01-01", html.QuerySelector("input[name='Items[0].DueDate']")?.GetAttribute("value"));
        Assert.Equal("2099-05-01", html.QuerySelector("input[name='Items[1].DueDate']")?.GetAttribute("value"));
        Assert.Equal(member.ToString(), html.QuerySelector("select[name='Items[0].OwnerId'] option[selected]")?.GetAttribute("value"));
        Assert.Equal(outsider.ToString(), html.QuerySelector("select[name='Items[1].OwnerId'] option[selected]")?.GetAttribute("value"));
        Assert.NotNull(html.QuerySelector("input[name='Items[0].Selected'][checked]"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.CorrectiveActions.CountAsync(a => a.RoundId == roundId)));
    }
}
