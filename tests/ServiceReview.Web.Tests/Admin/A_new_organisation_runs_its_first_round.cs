using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Web.Cli;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Tests.Email;
using ServiceReview.Web.Tests.Infrastructure;
using static ServiceReview.Web.Tests.Admin.AdminTestData;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Admin;

/// <summary>
/// Issue #8's definition of done, the import way and with e-mail on: a new administrator starts from an empty
/// database (create-admin), brings in a project, its team, three inspectors, a lead and a manager from one workbook,
/// and the team's first round runs through the whole journey — assigned, submitted, confirmed, disputed, ruled, an
/// action raised, done, sent back, done again and verified — with every hand-over told in the app and by e-mail to
/// exactly the person who must act next.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync, which disposes the SMTP server.")]
public sealed class A_new_organisation_runs_its_first_round : IAsyncLifetime
{
    private const string Root = "root@firstround.example";
    private const string RootPassword = "Chief-Password-2026";
    private const string Jia = "jia@firstround.example";
    private const string Yi = "yi@firstround.example";
    private const string Bing = "bing@firstround.example";
    private const string Lead = "ding@firstround.example";
    private const string Manager = "wu@firstround.example";
    private const string OwnPassword = "Own-Password-2026x";

    private readonly TestSmtpServer _smtp = new();
    private F _factory = null!;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _factory = F.WithSettings(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:From:Address"] = "noreply@firstround.example",
            ["Email:PublicBaseUrl"] = "https://review.firstround.example/",
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Set_up_by_import_the_first_round_runs_through_with_every_hand_over_told_in_the_app_and_by_email()
    {
        Assert.Equal(0, await _factory.WithDbAsync(db => db.People.CountAsync()));
        var console = new CliConsole(new StringReader(RootPassword + "\n"), new StringWriter(), new StringWriter(), InputIsInteractive: false);
        Assert.Equal(CliExitCodes.Success, await CliDispatcher.RunAsync(new CreateAdminCommand(Root), _factory.Services, console));
        var admin = await _factory.SignedInWithAsync(Root, RootPassword);

        // One workbook: the people (with accounts) and the team of a new project.
        var imported = await PeopleImport.ImportAsync(admin, PeopleImport.Workbook(
            [
                ["检查员甲", Jia, "检查员", "项目领导", "12", "是"],
                ["检查员乙", Yi, "检查员", "项目运营负责人", "6", "是"],
                ["检查员丙", Bing, "Inspector", "TechnicalStaff", "3", "是"],
                ["组长丁", Lead, "服务组负责人", "", "", "是"],
                ["经理戊", Manager, "考评经理", "", "", "是"],
            ],
            [["首轮花园项目", "首轮花园业主委员会", "首轮客服组", Lead, ""]]));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var importPage = WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync());
        Assert.Matches(Texts.ZhPattern("Admin.Import.Done"), importPage);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var email in new[] { Jia, Yi, Bing, Lead, Manager })
        {
            clients[email] = await SignInFirstTimeAsync(email, OneTimePasswordIn(importPage, email));
        }

        // The administrator names the project's manager, who arbitrates its disputes.
        var projectId = await _factory.WithDbAsync(db => db.Projects.Where(p => p.Name == "首轮花园项目").Select(p => p.Id).SingleAsync());
        var managed = await F.PostFormAsync(admin, $"/Projects/Edit/{Id(projectId)}", $"/Projects/Edit/{Id(projectId)}",
        [
            new("Name", "首轮花园项目"), new("Customer", "首轮花园业主委员会"), new("FirstResponseHours", "2"), new("ResolutionHours", "24"),
            new("ArchiveHours", "48"), new("TimeZoneId", "Asia/Shanghai"),
            new("ConcurrencyStamp", (await _factory.ProjectStampAsync(projectId)).ToString()),
            new("ManagerIds", Id(await _factory.PersonIdAsync(Manager))),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, managed.StatusCode);

        // The manager plans and opens the round: the three inspectors are told.
        var manager = clients[Manager];
        var teamId = await _factory.WithDbAsync(db => db.Teams.Where(t => t.Name == "首轮客服组").Select(t => t.Id).SingleAsync());
        var plan = await _factory.WithDbAsync(db => db.PlanVersions.Where(v => v.Status == Core.Plans.PlanVersionStatus.Published).Select(v => v.Id).FirstAsync());
        var inspectorIds = new Dictionary<string, int>();
        foreach (var email in new[] { Jia, Yi, Bing })
        {
            inspectorIds[email] = await _factory.PersonIdAsync(email);
        }

        var opens = DateTime.UtcNow.AddHours(8).AddDays(-1);
        var created = await F.PostFormAsync(manager, "/Rounds/Create", "/Rounds/Create",
        [
            new("Name", "首轮考评"), new("PeriodStart", "2026-10-01"), new("PeriodEnd", "2026-10-31"), new("PlanVersionId", Id(plan)),
            new("WindowOpensAt", opens.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("WindowClosesAt", opens.AddDays(14).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("Aggregation", "Mean"), new("Teams[0].TeamId", Id(teamId)), new("Teams[0].Selected", "true"),
            .. inspectorIds.Values.Select(i => new KeyValuePair<string, string>("Teams[0].InspectorIds", Id(i))),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var roundId = IdFromLocation(created);
        var roundStamp = await _factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.ConcurrencyStamp).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect,
            (await F.PostFormAsync(manager, $"/Rounds/Details/{Id(roundId)}", $"/Rounds/Open/{Id(roundId)}", [new("concurrencyStamp", roundStamp.ToString())])).StatusCode);
        foreach (var email in inspectorIds.Keys)
        {
            await ToldAsync(email, NotificationKind.Assigned, "Round", roundId);
        }

        // Each inspector submits; the lead is told of each submission.
        var inspections = await _factory.WithDbAsync(db => db.Inspections.AsNoTracking().Where(i => i.RoundId == roundId).ToListAsync());
        var inspectionOf = inspectorIds.ToDictionary(p => p.Key, p => inspections.Single(i => i.InspectorId == p.Value).Id);
        foreach (var (email, id) in inspectionOf)
        {
            Assert.Contains("首轮客服组", WebUtility.HtmlDecode(await clients[email].GetStringAsync("/Inspections")), StringComparison.Ordinal);
            var stamp = await _factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.ConcurrencyStamp).SingleAsync());
            var outcome = await _factory.WithServiceAsync<InspectionService, Outcome<SubmitOutcome>>(s => s.SubmitAsync(id, stamp,
                F.Inputs.WorkedExample(), 900, new Actor(null, email, inspectorIds[email]), DateTime.UtcNow));
            Assert.True(outcome.Value.Submitted);
            await ToldAsync(Lead, NotificationKind.SubmittedForReview, "Inspection", id);
        }

        // The lead confirms two and disputes 乙's; the project's manager is told, rules, and the lead and 乙 are told.
        var lead = clients[Lead];
        foreach (var id in new[] { inspectionOf[Jia], inspectionOf[Bing] })
        {
            var page = await lead.GetStringAsync($"/Reviews/Review/{Id(id)}");
            Assert.Equal(HttpStatusCode.Redirect,
                (await F.PostFormAsync(lead, $"/Reviews/Review/{Id(id)}", "/Reviews/Confirm", [new("id", Id(id)), new("stamp", F.StampOf(page))])).StatusCode);
        }

        var disputedId = inspectionOf[Yi];
        var reviewStamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{Id(disputedId)}"));
        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(lead, $"/Reviews/Review/{Id(disputedId)}", "/Reviews/Dispute",
            [new("Id", Id(disputedId)), new("Stamp", reviewStamp), new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Reason", "延误由客户变更需求造成")])).StatusCode);
        await ToldAsync(Manager, NotificationKind.Disputed, "Inspection", disputedId);
        Assert.DoesNotContain(await _factory.NotificationsOfAsync(Root), n => n.Kind == NotificationKind.Disputed);

        var disputeId = await _factory.WithDbAsync(db => db.Disputes.Where(d => d.InspectionId == disputedId).Select(d => d.Id).SingleAsync());
        var arbitrationStamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{Id(disputeId)}"));
        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{Id(disputeId)}",
            [new("Id", Id(disputeId)), new("Stamp", arbitrationStamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Upheld"), new("Items[0].Ruling", "抽查记录属实，维持")])).StatusCode);
        await ToldAsync(Lead, NotificationKind.Ruled, "Inspection", disputedId);
        await ToldAsync(Yi, NotificationKind.Ruled, "Inspection", disputedId);
        var statuses = await _factory.WithDbAsync(db => db.Inspections.Where(i => i.RoundId == roundId).Select(i => i.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(InspectionStatus.Confirmed, s));

        // 甲 raises a corrective action for the lead; it goes back and forth until verified, each hand-over told.
        var jia = clients[Jia];
        var raised = await F.PostFormAsync(jia, $"/Actions/Create?roundId={Id(roundId)}&teamId={Id(teamId)}", "/Actions/Create",
        [
            new("RoundId", Id(roundId)), new("TeamId", Id(teamId)), new("OwnerId", Id(await _factory.PersonIdAsync(Lead))), new("DueDate", "2099-12-31"),
            new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Description", "按时回访投诉客户"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var actionId = await _factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.RoundId == roundId).Select(a => a.Id).SingleAsync());
        await ToldAsync(Lead, NotificationKind.ActionRaised, "CorrectiveAction", actionId);
        await ActAsync(lead, actionId, "ReportDone", "已回访");
        await ToldAsync(Jia, NotificationKind.ActionDone, "CorrectiveAction", actionId);
        await ActAsync(jia, actionId, "SendBack", "回访记录不全");
        await ToldAsync(Lead, NotificationKind.ActionSentBack, "CorrectiveAction", actionId);
        await ActAsync(lead, actionId, "ReportDone", "已补全回访记录");
        await ActAsync(jia, actionId, "Verify", "核实通过");
        await ToldAsync(Lead, NotificationKind.ActionVerified, "CorrectiveAction", actionId);

        // Every notification went out as exactly one e-mail to its recipient, and nothing else was sent.
        await _factory.DispatchEmailAsync();
        var notifications = await _factory.WithDbAsync(db => (
            from n in db.Notifications
            join p in db.People on n.RecipientId equals p.Id
            select new { p.Email, n.Kind }).ToListAsync());
        Assert.Equal(3 + 3 + 1 + 2 + 1 + 2 + 1 + 1, notifications.Count);
        var expected = notifications.Select(n => $"{n.Email} {n.Kind}").Order(StringComparer.Ordinal).ToList();
        var outbox = await _factory.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().ToListAsync());
        Assert.All(outbox, e => Assert.Equal(OutgoingEmailStatus.Sent, e.Status));
        Assert.Equal(expected, outbox.Select(e => $"{e.ToAddress} {e.Purpose}").Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected.Select(e => e.Split(' ')[0]).Order(StringComparer.Ordinal),
            _smtp.Received.SelectMany(m => m.EnvelopeTo).Order(StringComparer.Ordinal));
    }

    private async Task ToldAsync(string email, NotificationKind kind, string subjectType, int subjectId)
    {
        var told = (await _factory.NotificationsOfAsync(email)).Where(n => n.Kind == kind && n.SubjectType == subjectType && n.SubjectId == subjectId).ToList();
        Assert.True(told.Count >= 1, $"{email} was not told {kind} about {subjectType} {subjectId}.");
    }

    private static async Task ActAsync(HttpClient client, int id, string action, string text)
    {
        var stamp = F.StampOf(await client.GetStringAsync($"/Actions/Details/{Id(id)}"));
        var response = await F.PostFormAsync(client, $"/Actions/Details/{Id(id)}", $"/Actions/{action}", [new("Id", Id(id)), new("Stamp", stamp), new("Text", text)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string OneTimePasswordIn(string importPage, string email)
    {
        var match = Regex.Match(importPage, Regex.Escape(email) + "</td><td class=\"font-monospace user-select-all\">([^<]+)<");
        Assert.True(match.Success, $"No one-time password shown for {email}.");
        return match.Groups[1].Value;
    }

    private async Task<HttpClient> SignInFirstTimeAsync(string email, string oneTimePassword)
    {
        var client = await _factory.SignedInWithAsync(email, oneTimePassword);
        var changed = await F.PostFormAsync(client, "/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", oneTimePassword), new("NewPassword", OwnPassword), new("ConfirmPassword", OwnPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        return client;
    }
}
