using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Security;
using ServiceReview.Web.Cli;
using ServiceReview.Web.Tests.Infrastructure;
using static ServiceReview.Web.Tests.Admin.AdminTestData;

namespace ServiceReview.Web.Tests.Admin;

/// <summary>
/// The definition of done: a new administrator, starting from an empty production-like database (no demo
/// data) and create-admin, sets up a project, its team, three inspectors and a lead by hand, and the team's first
/// round runs through the journey (assigned → filled by each inspector → two confirmed by the lead, one disputed,
/// which the administrator is told about since there is no manager yet).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Setting_up_from_an_empty_database(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string RootEmail = "root@neworg.example";
    private const string RootPassword = "Chief-Password-2026";

    [Fact]
    public async Task A_new_administrator_sets_up_a_team_by_hand_and_its_first_round_runs_to_confirmed_results()
    {
        Assert.Equal(0, await factory.WithDbAsync(db => db.People.CountAsync()));
        var console = new CliConsole(new StringReader(RootPassword + "\n"), new StringWriter(), new StringWriter(), InputIsInteractive: false);
        Assert.Equal(CliExitCodes.Success, await CliDispatcher.RunAsync(new CreateAdminCommand(RootEmail), factory.Services, console));
        var admin = await factory.SignedInWithAsync(RootEmail, RootPassword);
        Assert.Contains(RootEmail, WebUtility.HtmlDecode(await admin.GetStringAsync("/People")), StringComparison.Ordinal);

        var project = await ServiceReviewWebFactory.PostFormAsync(admin, "/Projects/Create", "/Projects/Create",
        [
            new("Name", "新城花园物业项目"), new("Customer", "新城花园业主委员会"), new("ContractStart", "2026-01-01"), new("ContractEnd", "2027-12-31"),
            new("FirstResponseHours", "2"), new("ResolutionHours", "24"), new("ArchiveHours", "48"), new("TimeZoneId", "Asia/Shanghai"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, project.StatusCode);
        var projectId = await factory.WithDbAsync(db => db.Projects.Select(p => p.Id).SingleAsync());

        var passwords = new Dictionary<string, string>();
        foreach (var (name, email, type) in new[]
                 {
                     ("检查员甲", "jia@neworg.example", "ProjectLeader"), ("检查员乙", "yi@neworg.example", "OperationsLead"),
                     ("检查员丙", "bing@neworg.example", "TechnicalStaff"),
                 })
        {
            var created = await ServiceReviewWebFactory.PostFormAsync(admin, "/People/Create", "/People/Create", Person(name, email, [Roles.Inspector], type, 5));
            passwords[email] = ServiceReviewWebFactory.OneTimePasswordOf(await ServiceReviewWebFactory.FollowRedirectAsync(admin, created))!;
        }

        var leadCreated = await ServiceReviewWebFactory.PostFormAsync(admin, "/People/Create", "/People/Create", Person("组长丁", "ding@neworg.example", []));
        passwords["ding@neworg.example"] = ServiceReviewWebFactory.OneTimePasswordOf(await ServiceReviewWebFactory.FollowRedirectAsync(admin, leadCreated))!;
        var lead = await factory.PersonIdAsync("ding@neworg.example");

        var team = await ServiceReviewWebFactory.PostFormAsync(admin, "/Teams/Create", "/Teams/Create",
            [new("ProjectId", Id(projectId)), new("Name", "新城客服组"), new("LeadId", Id(lead))]);
        Assert.Equal(HttpStatusCode.Redirect, team.StatusCode);
        var teamId = await factory.WithDbAsync(db => db.Teams.Select(t => t.Id).SingleAsync());

        var plan = await factory.WithDbAsync(db => db.PlanVersions.Where(v => v.Status == Core.Plans.PlanVersionStatus.Published).Select(v => v.Id).FirstAsync());
        var inspectors = new List<int>();
        foreach (var email in passwords.Keys.Where(e => e != "ding@neworg.example"))
        {
            inspectors.Add(await factory.PersonIdAsync(email));
        }

        var opens = DateTime.UtcNow.AddHours(8).AddDays(-1);
        var round = await ServiceReviewWebFactory.PostFormAsync(admin, "/Rounds/Create", "/Rounds/Create",
        [
            new("Name", "首次考评"), new("PeriodStart", "2026-01-01"), new("PeriodEnd", "2026-01-31"), new("PlanVersionId", Id(plan)),
            new("WindowOpensAt", opens.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("WindowClosesAt", opens.AddDays(14).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("Aggregation", "Mean"), new("Teams[0].TeamId", Id(teamId)), new("Teams[0].Selected", "true"),
            .. inspectors.Select(i => new KeyValuePair<string, string>("Teams[0].InspectorIds", Id(i))),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, round.StatusCode);
        var roundId = IdFromLocation(round);
        var stamp = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.ConcurrencyStamp).SingleAsync());
        var open = await ServiceReviewWebFactory.PostFormAsync(admin, $"/Rounds/Details/{Id(roundId)}", $"/Rounds/Open/{Id(roundId)}", [new("concurrencyStamp", stamp.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        var inspections = await factory.WithDbAsync(db => db.Inspections.AsNoTracking().Where(i => i.RoundId == roundId).OrderBy(i => i.Id).ToListAsync());
        Assert.Equal(inspectors.Order(), inspections.Select(i => i.InspectorId).Order());

        var emails = new Dictionary<int, string>();
        foreach (var email in passwords.Keys)
        {
            emails[await factory.PersonIdAsync(email)] = email;
        }

        foreach (var inspection in inspections)
        {
            var email = emails[inspection.InspectorId];
            var inspector = await SignInFirstTimeAsync(email, passwords[email]);
            Assert.Contains("新城客服组", WebUtility.HtmlDecode(await inspector.GetStringAsync("/Inspections")), StringComparison.Ordinal);
            await factory.SubmitAsync(inspection.Id, ServiceReviewWebFactory.Inputs.WorkedExample());
        }

        var leadClient = await SignInFirstTimeAsync("ding@neworg.example", passwords["ding@neworg.example"]);
        foreach (var inspection in inspections.Take(2))
        {
            var page = await leadClient.GetStringAsync($"/Reviews/Review/{Id(inspection.Id)}");
            var confirm = await ServiceReviewWebFactory.PostFormAsync(leadClient, $"/Reviews/Review/{Id(inspection.Id)}", "/Reviews/Confirm",
                [new("id", Id(inspection.Id)), new("stamp", ServiceReviewWebFactory.StampOf(page))]);
            Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        }

        // An organisation without a manager yet: its administrator is the one told to arbitrate a dispute.
        var disputed = inspections[2].Id;
        var reviewStamp = ServiceReviewWebFactory.StampOf(await leadClient.GetStringAsync($"/Reviews/Review/{Id(disputed)}"));
        var dispute = await ServiceReviewWebFactory.PostFormAsync(leadClient, $"/Reviews/Review/{Id(disputed)}", "/Reviews/Dispute",
            [new("Id", Id(disputed)), new("Stamp", reviewStamp), new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Reason", "延误由客户变更需求造成")]);
        Assert.Equal(HttpStatusCode.Redirect, dispute.StatusCode);
        Assert.Contains(await factory.NotificationsOfAsync(RootEmail), n => n.Kind == Core.Notifications.NotificationKind.Disputed && n.SubjectId == disputed);

        var statuses = await factory.WithDbAsync(db => db.Inspections.Where(i => i.RoundId == roundId).OrderBy(i => i.Id).Select(i => i.Status).ToListAsync());
        Assert.Equal([InspectionStatus.Confirmed, InspectionStatus.Confirmed, InspectionStatus.Disputed], statuses);
    }

    private async Task<HttpClient> SignInFirstTimeAsync(string email, string oneTimePassword)
    {
        var client = await factory.SignedInWithAsync(email, oneTimePassword);
        var changed = await ServiceReviewWebFactory.PostFormAsync(client, "/Account/ChangePassword", "/Account/ChangePassword",
        [
            new("CurrentPassword", oneTimePassword), new("NewPassword", "Own-Password-2026x"), new("ConfirmPassword", "Own-Password-2026x"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        return client;
    }
}
