using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Corrective_actions_and_home(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I5 = "inspector5@demo.local";

    private async Task<(JourneyRound Round, int TeamId)> ConfirmedRoundAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample(), confirm: true);
        return (round, await factory.TeamIdAsync(F.Lead1Team));
    }

    private async Task<int> RaiseAsync(HttpClient client, JourneyRound round, int teamId, string code = "5.3", string due = "2099-12-31")
    {
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        var create = $"/Actions/Create?roundId={round.RoundId}&teamId={teamId}";
        var response = await F.PostFormAsync(client, create, "/Actions/Create",
        [
            new("RoundId", round.RoundId.ToString()), new("TeamId", teamId.ToString()), new("OwnerId", lead.ToString()), new("DueDate", due),
            new("Items[0].Code", code), new("Items[0].Selected", "true"), new("Items[0].Description", $"整改 {code} {Guid.NewGuid():N}"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.RoundId == round.RoundId && a.IndicatorCode == code).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync());
    }

    private async Task<CorrectiveActionStatus> StatusAsync(int id) =>
        await factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Id == id).Select(a => a.Status).FirstAsync());

    private async Task<string> StampAsync(int id) =>
        (await factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Id == id).Select(a => a.ConcurrencyStamp).FirstAsync())).ToString();

    private static async Task<HttpResponseMessage> TransitionAsync(HttpClient client, int id, string action, string text)
    {
        var stamp = F.StampOf(await client.GetStringAsync($"/Actions/Details/{id}"));
        return await F.PostFormAsync(client, $"/Actions/Details/{id}", $"/Actions/{action}", [new("Id", id.ToString()), new("Stamp", stamp), new("Text", text)]);
    }

    [Fact]
    public async Task The_raise_form_preselects_the_weak_indicators()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var inspector = await factory.SignedInAsync(I1);

        var html = await inspector.GetStringAsync($"/Actions/Create?roundId={round.RoundId}&teamId={teamId}");

        // Worked example: 5.3 earns 1.8 of 6 (weak), 5.1 3 of 8 (weak); 3.1 earns 10 of 10 (not weak).
        Assert.Matches("name=\"Items\\[13\\].Selected\" value=\"true\" checked=\"checked\"", html);
        Assert.Matches("name=\"Items\\[11\\].Selected\" value=\"true\" checked=\"checked\"", html);
        Assert.DoesNotMatch("name=\"Items\\[6\\].Selected\" value=\"true\" checked=\"checked\"", html);
    }

    [Fact]
    public async Task An_action_goes_from_raised_to_done_to_sent_back_to_done_to_verified_with_an_audit_entry_each()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var inspector = await factory.SignedInAsync(I1);
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var id = await RaiseAsync(inspector, round, teamId);
        Assert.Equal(CorrectiveActionStatus.Open, await StatusAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(lead, id, "ReportDone", "已补齐归档")).StatusCode);
        Assert.Equal(CorrectiveActionStatus.Done, await StatusAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(inspector, id, "SendBack", "仍有两条未归档")).StatusCode);
        Assert.Equal(CorrectiveActionStatus.SentBack, await StatusAsync(id));
        await TransitionAsync(lead, id, "ReportDone", "全部归档");
        Assert.Equal(HttpStatusCode.Redirect, (await TransitionAsync(inspector, id, "Verify", "抽查无误")).StatusCode);
        Assert.Equal(CorrectiveActionStatus.Verified, await StatusAsync(id));

        var actions = await factory.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "CorrectiveAction" && a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Raised", "ReportedDone", "SentBack", "ReportedDone", "Verified"], actions);
    }

    [Fact]
    public async Task Only_the_lead_or_owner_reports_done_and_only_an_inspector_of_the_team_or_a_manager_verifies()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var inspector = await factory.SignedInAsync(I1);
        var id = await RaiseAsync(inspector, round, teamId);
        var otherLead = await factory.SignedInAsync("lead2@demo.local");
        var otherInspector = await factory.SignedInAsync(I5);

        var byOtherLead = await F.PostFormAsync(otherLead, "/Actions", "/Actions/ReportDone", [new("Id", id.ToString()), new("Text", "x")]);
        var stamp = await factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Id == id).Select(a => a.ConcurrencyStamp).FirstAsync());
        var byInspector = await F.PostFormAsync(inspector, "/Actions", "/Actions/ReportDone", [new("Id", id.ToString()), new("Stamp", stamp.ToString()), new("Text", "x")]);
        Assert.Equal(HttpStatusCode.NotFound, byOtherLead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byInspector.StatusCode);
        Assert.Equal(CorrectiveActionStatus.Open, await StatusAsync(id));

        var lead = await factory.SignedInAsync("lead1@demo.local");
        await TransitionAsync(lead, id, "ReportDone", "已完成");
        var doneStamp = await factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Id == id).Select(a => a.ConcurrencyStamp).FirstAsync());
        var byLead = await F.PostFormAsync(lead, "/Actions", "/Actions/Verify", [new("Id", id.ToString()), new("Stamp", doneStamp.ToString()), new("Text", "自己核实")]);
        var byStranger = await F.PostFormAsync(otherInspector, "/Actions", "/Actions/Verify", [new("Id", id.ToString()), new("Text", "x")]);
        Assert.Equal(HttpStatusCode.NotFound, byLead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(CorrectiveActionStatus.Done, await StatusAsync(id));
    }

    [Fact]
    public async Task A_second_report_done_is_refused_with_the_reason_on_the_page_and_changes_nothing()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var inspector = await factory.SignedInAsync(I1);
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var id = await RaiseAsync(inspector, round, teamId);
        await TransitionAsync(lead, id, "ReportDone", "已补齐归档");

        // The page no longer offers the button: a second tab or a double click posts the current stamp anyway.
        var again = await F.PostFormAsync(lead, $"/Actions/Details/{id}", "/Actions/ReportDone", [new("Id", id.ToString()), new("Stamp", await StampAsync(id)), new("Text", "再点一次")]);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.EndsWith($"/Actions/Details/{id}", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await lead.GetStringAsync(again.Headers.Location));
        Assert.Contains("alert alert-warning", page, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Error.Action.NotOpen"), page, StringComparison.Ordinal);
        Assert.Equal(CorrectiveActionStatus.Done, await StatusAsync(id));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == "CorrectiveAction" && a.EntityId == id.ToString() && a.Action == "ReportedDone")));
    }

    [Fact]
    public async Task Reporting_done_on_a_stale_page_names_who_changed_the_action_and_changes_nothing()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var inspector = await factory.SignedInAsync(I1);
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var id = await RaiseAsync(inspector, round, teamId);
        await TransitionAsync(lead, id, "ReportDone", "已补齐归档");
        await TransitionAsync(inspector, id, "SendBack", "仍有两条未归档");
        var staleStamp = await StampAsync(id);
        await TransitionAsync(lead, id, "ReportDone", "已补齐归档");
        await TransitionAsync(inspector, id, "SendBack", "还差一条");

        var stale = await F.PostFormAsync(lead, $"/Actions/Details/{id}", "/Actions/ReportDone", [new("Id", id.ToString()), new("Stamp", staleStamp), new("Text", "旧页面")]);

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        var page = WebUtility.HtmlDecode(await lead.GetStringAsync(stale.Headers.Location));
        Assert.Matches(Texts.ZhPattern("Error.Concurrency.Conflict"), page);
        Assert.Equal(CorrectiveActionStatus.SentBack, await StatusAsync(id));
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == "CorrectiveAction" && a.EntityId == id.ToString() && a.Action == "ReportedDone")));
    }

    [Fact]
    public async Task Raising_with_a_past_due_date_shows_the_form_again_with_the_reason_and_raises_nothing()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        var before = await factory.WithDbAsync(db => db.CorrectiveActions.CountAsync(a => a.RoundId == round.RoundId));

        var response = await F.PostFormAsync(manager, $"/Actions/Create?roundId={round.RoundId}&teamId={teamId}", "/Actions/Create",
        [
            new("RoundId", round.RoundId.ToString()), new("TeamId", teamId.ToString()), new("OwnerId", lead.ToString()), new("DueDate", "2000-01-01"),
            new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Description", "过期的整改"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Texts.Zh("Error.Action.DueInThePast"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.CorrectiveActions.CountAsync(a => a.RoundId == round.RoundId)));
    }

    [Fact]
    public async Task A_lead_cannot_raise_actions_and_an_inspector_of_another_team_neither()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var stranger = await factory.SignedInAsync(I5);

        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/Actions/Create?roundId={round.RoundId}&teamId={teamId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Actions/Create?roundId={round.RoundId}&teamId={teamId}")).StatusCode);
    }

    [Fact]
    public async Task An_action_past_its_due_date_is_flagged_overdue_and_comes_first_for_the_lead()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var id = await RaiseAsync(manager, round, teamId, "5.1");
        // Raised with a future date (the form refuses past ones); time passes: the due date is now yesterday.
        await factory.WithDbAsync(async db =>
        {
            var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1);
            await db.Database.ExecuteSqlAsync($"UPDATE CorrectiveActions SET DueDate = {yesterday.ToString("yyyy-MM-dd")} WHERE Id = {id}");
            return 0;
        });
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var overdue = await lead.GetStringAsync("/Actions?overdue=true");
        var home = await lead.GetStringAsync("/");

        Assert.Contains($"/Actions/Details/{id}\"", overdue, StringComparison.Ordinal);
        Assert.Contains("data-overdue>逾期", overdue, StringComparison.Ordinal);
        var toDo = home[home.IndexOf("data-card=\"to-do\"", StringComparison.Ordinal)..];
        Assert.Contains($"/Actions/Details/{id}\"", toDo[..toDo.IndexOf("</ul>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_lists_what_each_role_must_do_now()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I5] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample());
        var toFill = round[F.Lead1Team, I5];
        var toConfirm = round[F.Lead1Team, I1];

        var inspectorHome = await (await factory.SignedInAsync(I5)).GetStringAsync("/");
        var leadHome = await (await factory.SignedInAsync("lead1@demo.local")).GetStringAsync("/");
        var managerHome = await (await factory.SignedInAsync("manager@demo.local")).GetStringAsync("/");

        Assert.Contains($"/Inspections/Fill/{toFill}\"", inspectorHome, StringComparison.Ordinal);
        Assert.DoesNotContain("data-card=\"to-confirm\"", inspectorHome, StringComparison.Ordinal);
        Assert.Contains($"/Reviews/Review/{toConfirm}\"", leadHome, StringComparison.Ordinal);
        Assert.DoesNotContain("data-card=\"disputes\"", leadHome, StringComparison.Ordinal);
        Assert.Contains($"/Rounds/Details/{round.RoundId}\"", managerHome, StringComparison.Ordinal);
        Assert.Contains("data-card=\"disputes\"", managerHome, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Home.Attention"), managerHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_the_actions_page_redirects_to_the_login()
    {
        var response = await factory.CreateBrowser().GetAsync("/Actions");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
