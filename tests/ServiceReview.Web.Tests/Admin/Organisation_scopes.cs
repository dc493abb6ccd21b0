using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Features.Administration;
using ServiceReview.Web.Features.Administration.Projects;
using ServiceReview.Web.Features.Administration.Teams;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Rounds;
using static ServiceReview.Web.Tests.Admin.AdminTestData;

namespace ServiceReview.Web.Tests.Admin;

/// <summary>
/// Managers administer the projects they manage and those projects' teams; inspectors may be limited to projects, and
/// rounds respect it; people, projects and teams carry concurrency stamps.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Organisation_scopes(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string ManagerEmail = "manager@demo.local";

    [Fact]
    public async Task The_demo_manager_manages_the_demo_projects_and_sees_only_the_projects_they_manage()
    {
        var client = await factory.SignedInAsync(ManagerEmail);
        var manager = await factory.PersonIdAsync(ManagerEmail);
        var demo = await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().Where(p => p.Name == "华东智慧园区运维项目").FirstAsync());
        var (other, _) = await OtherProjectWithTeamAsync();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Projects"));
        var adminHtml = WebUtility.HtmlDecode(await (await factory.SignedInAsync(AdminEmail)).GetStringAsync("/Projects?q=" + Uri.EscapeDataString(other.Name)));

        Assert.Contains(manager, demo.ManagerIds);
        Assert.Contains("华东智慧园区运维项目", html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Projects/Create", html, StringComparison.Ordinal);
        Assert.Contains(other.Name, adminHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("华东智慧园区运维项目", adminHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_edits_their_project_but_cannot_change_its_managers_and_the_save_is_audited()
    {
        var client = await factory.SignedInAsync(ManagerEmail);
        var manager = await factory.PersonIdAsync(ManagerEmail);
        var id = await ManagedProjectAsync("经理编辑项目");
        var stamp = await factory.ProjectStampAsync(id);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/Projects/Edit/{Id(id)}", $"/Projects/Edit/{Id(id)}",
            [.. ProjectForm("经理编辑项目", "新客户", "3", stamp)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().FirstAsync(p => p.Id == id));
        Assert.Equal(("新客户", 3m), (project.Customer, project.Limits.FirstResponseHours));
        Assert.Equal([manager], project.ManagerIds);
        Assert.NotEqual(stamp, project.ConcurrencyStamp);
        var audit = (await factory.AuditOfAsync("Project", id)).Last();
        Assert.Equal(("Updated", await factory.NameOfAsync(ManagerEmail)), (audit.Action, audit.ActorName));
    }

    [Fact]
    public async Task A_manager_is_refused_every_action_on_a_project_they_do_not_manage_and_its_team_and_nothing_changes()
    {
        var client = await factory.SignedInAsync(ManagerEmail);
        var (other, team) = await OtherProjectWithTeamAsync();
        var projectStamp = await factory.ProjectStampAsync(other.Id);
        var teamStamp = await factory.TeamStampAsync(team);
        var auditBefore = await factory.WithDbAsync(db => db.AuditLog.CountAsync());

        var refused = new List<HttpResponseMessage>
        {
            await client.GetAsync($"/Projects/Edit/{Id(other.Id)}"),
            await ServiceReviewWebFactory.PostFormAsync(client, "/Projects", $"/Projects/Edit/{Id(other.Id)}", ProjectForm(other.Name, "越权客户", "9", projectStamp)),
            await client.GetAsync($"/Teams/Edit/{Id(team)}"),
            await ServiceReviewWebFactory.PostFormAsync(client, "/Teams", $"/Teams/Edit/{Id(team)}",
                [new("Name", "越权改名"), new("ConcurrencyStamp", teamStamp.ToString())]),
            await client.GetAsync($"/Teams/Create?projectId={Id(other.Id)}"),
            await ServiceReviewWebFactory.PostFormAsync(client, "/Teams", "/Teams/Create",
                [new("ProjectId", Id(other.Id)), new("Name", "越权新组")]),
            await client.GetAsync($"/ServiceRecords/Limits?projectId={Id(other.Id)}"),
            await ServiceReviewWebFactory.PostFormAsync(client, "/Teams", $"/ServiceRecords/Limits?projectId={Id(other.Id)}",
                [new("FirstResponseHours", "9"), new("ResolutionHours", "9"), new("ArchiveHours", "9")]),
        };

        Assert.All(refused, AssertAccessDenied);
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().FirstAsync(p => p.Id == other.Id));
        Assert.Equal((other.Customer, projectStamp, 2m), (project.Customer, project.ConcurrencyStamp, project.Limits.FirstResponseHours));
        Assert.Equal(teamStamp, await factory.TeamStampAsync(team));
        Assert.False(await factory.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == "越权新组" || t.Name == "越权改名")));
        Assert.Equal(auditBefore, await factory.WithDbAsync(db => db.AuditLog.CountAsync()));
        var teamsPage = WebUtility.HtmlDecode(await client.GetStringAsync("/Teams"));
        Assert.DoesNotContain(other.Name, teamsPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_creates_renames_and_staffs_a_team_in_their_project()
    {
        var client = await factory.SignedInAsync(ManagerEmail);
        var project = await ManagedProjectAsync("经理服务组项目");
        var lead = await factory.PersonIdAsync("lead2@demo.local");
        var member = await factory.PersonIdAsync("inspector4@demo.local");

        var created = await ServiceReviewWebFactory.PostFormAsync(client, "/Teams/Create", "/Teams/Create",
            [new("ProjectId", Id(project)), new("Name", "经理新建组"), new("LeadId", Id(lead))]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var team = await factory.WithDbAsync(db => db.Teams.AsNoTracking().FirstAsync(t => t.Name == "经理新建组"));
        var renamed = await ServiceReviewWebFactory.PostFormAsync(client, $"/Teams/Edit/{Id(team.Id)}", $"/Teams/Edit/{Id(team.Id)}",
            [new("Name", "经理改名组"), new("LeadId", Id(lead)), new("MemberIds", Id(member)), new("ConcurrencyStamp", team.ConcurrencyStamp.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Teams.Include(t => t.Members).AsNoTracking().FirstAsync(t => t.Id == team.Id));
        Assert.Equal(("经理改名组", (int?)lead), (saved.Name, saved.LeadId));
        Assert.Equal([member], saved.Members.Select(m => m.PersonId));
        Assert.Equal(["Created", "Updated"], (await factory.AuditOfAsync("Team", team.Id)).Select(a => a.Action));
    }

    [Fact]
    public async Task A_manager_sees_people_read_only_without_account_actions()
    {
        var client = await factory.SignedInAsync(ManagerEmail);
        var person = await factory.PersonIdAsync("inspector1@demo.local");

        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/People"));
        var detail = WebUtility.HtmlDecode(await client.GetStringAsync($"/People/Edit/{Id(person)}"));

        Assert.Contains(await factory.NameOfAsync("inspector1@demo.local"), list, StringComparison.Ordinal);
        Assert.DoesNotContain("/People/Create", list, StringComparison.Ordinal);
        Assert.Matches(Texts.ZhPattern("Admin.People.ReadOnly"), detail);
        Assert.Contains("<fieldset disabled=\"disabled\">", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/People/ResetPassword", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/People/Disable", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts.Zh("Admin.Import.Submit"), WebUtility.HtmlDecode(await client.GetStringAsync("/Teams")).Split("nav-tabs")[1].Split("</ul>")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_chooses_managers_and_only_a_person_with_the_Manager_role_is_accepted()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var id = await ManagedProjectAsync("选择经理项目");
        var manager = await factory.PersonIdAsync(ManagerEmail);
        var inspector = await factory.PersonIdAsync("inspector1@demo.local");

        var wrong = await ServiceReviewWebFactory.PostFormAsync(client, $"/Projects/Edit/{Id(id)}", $"/Projects/Edit/{Id(id)}",
            [.. ProjectForm("选择经理项目", "客户", "2", await factory.ProjectStampAsync(id)), new("ManagerIds", Id(inspector))]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains($"{await factory.NameOfAsync("inspector1@demo.local")} 不能管理项目", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal([manager], (await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().FirstAsync(p => p.Id == id))).ManagerIds);

        var none = await ServiceReviewWebFactory.PostFormAsync(client, $"/Projects/Edit/{Id(id)}", $"/Projects/Edit/{Id(id)}",
            ProjectForm("选择经理项目", "客户", "2", await factory.ProjectStampAsync(id)));
        Assert.Equal(HttpStatusCode.Redirect, none.StatusCode);
        Assert.Empty((await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().FirstAsync(p => p.Id == id))).ManagerIds);
        AssertAccessDenied(await (await factory.SignedInAsync(ManagerEmail)).GetAsync($"/Projects/Edit/{Id(id)}"));
    }

    [Fact]
    public async Task Two_people_saving_the_same_project_the_second_gets_the_conflict_message_with_what_they_typed_kept()
    {
        var admin = await factory.SignedInAsync(AdminEmail);
        var manager = await factory.SignedInAsync(ManagerEmail);
        var id = await ManagedProjectAsync("同时编辑项目");
        var stamp = await factory.ProjectStampAsync(id);

        var first = await ServiceReviewWebFactory.PostFormAsync(manager, $"/Projects/Edit/{Id(id)}", $"/Projects/Edit/{Id(id)}",
            ProjectForm("同时编辑项目", "经理的客户", "2", stamp));
        var second = await ServiceReviewWebFactory.PostFormAsync(admin, $"/Projects/Edit/{Id(id)}", $"/Projects/Edit/{Id(id)}",
            [.. ProjectForm("同时编辑项目", "管理员的客户", "2", stamp), new("ManagerIds", Id(await factory.PersonIdAsync(ManagerEmail)))]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var html = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());
        Assert.Contains(await factory.NameOfAsync(ManagerEmail), html, StringComparison.Ordinal);
        Assert.Matches(Texts.ZhPattern("Error.Concurrency.Conflict"), WebUtility.HtmlDecode(html));
        Assert.Contains("value=\"管理员的客户\"", html, StringComparison.Ordinal);
        Assert.Equal("经理的客户", (await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().FirstAsync(p => p.Id == id))).Customer);
    }

    [Fact]
    public async Task Two_people_saving_the_same_team_or_person_the_second_gets_the_conflict_message()
    {
        var admin = await factory.SignedInAsync(AdminEmail);
        var manager = await factory.SignedInAsync(ManagerEmail);
        var project = await ManagedProjectAsync("同时编辑组项目");
        await ServiceReviewWebFactory.PostFormAsync(admin, "/Teams/Create", "/Teams/Create", [new("ProjectId", Id(project)), new("Name", "同时编辑组")]);
        var team = await factory.WithDbAsync(db => db.Teams.AsNoTracking().FirstAsync(t => t.Name == "同时编辑组"));

        var first = await ServiceReviewWebFactory.PostFormAsync(manager, $"/Teams/Edit/{Id(team.Id)}", $"/Teams/Edit/{Id(team.Id)}",
            [new("Name", "经理改的名"), new("ConcurrencyStamp", team.ConcurrencyStamp.ToString())]);
        var second = await ServiceReviewWebFactory.PostFormAsync(admin, $"/Teams/Edit/{Id(team.Id)}", $"/Teams/Edit/{Id(team.Id)}",
            [new("Name", "管理员改的名"), new("ConcurrencyStamp", team.ConcurrencyStamp.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Matches(Texts.ZhPattern("Error.Concurrency.Conflict"), WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()));
        Assert.Equal("经理改的名", (await factory.WithDbAsync(db => db.Teams.AsNoTracking().FirstAsync(t => t.Id == team.Id))).Name);

        // A role-only change to a person still meets the stamp check (the person row itself did not change).
        var created = await ServiceReviewWebFactory.PostFormAsync(admin, "/People/Create", "/People/Create", Person("钱角色", "qian.roles@example.org", ["Inspector"], "TechnicalStaff", 2));
        var person = IdFromLocation(created);
        var stale = await factory.PersonStampAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, (await ServiceReviewWebFactory.PostFormAsync(admin, "/People", $"/People/Edit/{Id(person)}",
            Person("钱角色", "qian.roles@example.org", ["Inspector", "TeamLead"], "TechnicalStaff", 2, version: stale))).StatusCode);
        var conflict = await ServiceReviewWebFactory.PostFormAsync(admin, "/People", $"/People/Edit/{Id(person)}",
            Person("钱角色", "qian.roles@example.org", ["Inspector", "Manager"], "TechnicalStaff", 2, version: stale));
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.DoesNotContain("Manager", (await factory.AccountAsync("qian.roles@example.org")).Roles);
    }

    [Fact]
    public async Task An_inspector_limited_to_some_projects_is_left_out_of_suggestions_and_refused_on_manual_assignment()
    {
        var admin = await factory.SignedInAsync(AdminEmail);
        var created = await ServiceReviewWebFactory.PostFormAsync(admin, "/People/Create", "/People/Create",
            Person("孔限定", "kong.limited@example.org", ["Inspector"], "ProjectLeader", 30));
        var inspector = IdFromLocation(created);
        var allowed = await ManagedProjectAsync("限定可查项目");
        var (_, otherTeam) = await OtherProjectWithTeamAsync();
        var saved = await ServiceReviewWebFactory.PostFormAsync(admin, $"/People/Edit/{Id(inspector)}", $"/People/Edit/{Id(inspector)}",
            [.. Person("孔限定", "kong.limited@example.org", ["Inspector"], "ProjectLeader", 30, version: await factory.PersonStampAsync(inspector)),
                new("InspectableProjectIds", Id(allowed))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([allowed], (await factory.PersonByEmailAsync("kong.limited@example.org"))!.InspectableProjectIds);
        Assert.Contains(Texts.Zh("Admin.People.ProjectLimit", "1"), WebUtility.HtmlDecode(await admin.GetStringAsync("/People?q=kong.limited")), StringComparison.Ordinal);

        var options = await factory.WithServiceAsync<RoundQueries, RoundFormOptions>(q => q.FormOptionsAsync());
        Assert.DoesNotContain(options.Teams.Single(t => t.TeamId == otherTeam).Candidates, c => c.Id == inspector);
        var suggested = RoundQueries.Suggest(options, [new TeamAssignmentInput(otherTeam, [])]);
        Assert.DoesNotContain(inspector, suggested.Single().InspectorIds);

        var draft = await factory.WithServiceAsync<RoundService, Outcome<int>>(s => s.CreateDraftAsync(
            new RoundDraftInput("限定检查员批次", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), options.Plans[0].Id, DateTime.UtcNow, DateTime.UtcNow.AddDays(5),
                AggregationMethod.Mean, [new TeamAssignmentInput(otherTeam, [inspector])]), RoundsTestData.TestActor));
        Assert.Equal(OutcomeStatus.Invalid, draft.Status);
        Assert.Contains(draft.Errors, e => e.DomainCode == "Round.ProjectNotAllowed");

        var round = await factory.OpenRoundAsync("限定检查员改派", [otherTeam], "inspector1@demo.local");
        var inspection = (await factory.InspectionsAsync(round))[0];
        var manager = await factory.SignedInAsync(AdminEmail);
        var reassign = await ServiceReviewWebFactory.PostFormAsync(manager, $"/Rounds/Details/{round}", $"/Rounds/Reassign/{round}",
            [new("InspectionId", Id(inspection.Id)), new("ConcurrencyStamp", inspection.ConcurrencyStamp.ToString()), new("InspectorId", Id(inspector))]);
        Assert.Matches(Texts.ZhPattern("Error.Round.ProjectNotAllowed"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(manager, reassign)));
        Assert.Equal(inspection.InspectorId, (await factory.InspectionsAsync(round))[0].InspectorId);
    }

    [Fact]
    public async Task The_demo_limits_one_inspector_without_changing_any_seeded_assignment()
    {
        await factory.EnsureDemoDataAsync();
        var zhou = await factory.PersonByEmailAsync("inspector5@demo.local");
        var openTeams = await factory.WithDbAsync(db => db.Inspections.AsNoTracking()
            .Where(i => i.InspectorId == zhou!.Id)
            .Join(db.Rounds.Where(r => r.Status == RoundStatus.Open), i => i.RoundId, r => r.Id, (i, _) => i.TeamId)
            .Join(db.Teams, t => t, t => t.Id, (_, t) => t.ProjectId).Distinct().ToListAsync());

        Assert.NotEmpty(zhou!.InspectableProjectIds);
        Assert.All(openTeams, p => Assert.Contains(p, zhou.InspectableProjectIds));
        Assert.Equal(1, await factory.WithDbAsync(db => db.People.CountAsync(p => p.InspectableProjects.Any() && p.Email.EndsWith("@demo.local"))));
    }

    [Fact]
    public async Task An_import_naming_an_unknown_project_reports_the_row_and_creates_nothing_and_a_known_one_limits_the_inspector()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var peopleBefore = await factory.WithDbAsync(db => db.People.CountAsync());

        var bad = await PeopleImport.ImportAsync(client, PeopleImport.Workbook([["魏未知", "wei.unknown@example.org", "检查员", "项目领导", "5", "是", "不存在的项目；华东智慧园区运维项目"]], []));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("不存在的项目", html, StringComparison.Ordinal); // the project name the file gives
        Assert.Matches(Texts.ZhPattern("Admin.Import.UnknownProject"), html);
        Assert.Equal(peopleBefore, await factory.WithDbAsync(db => db.People.CountAsync()));

        var good = await PeopleImport.ImportAsync(client, PeopleImport.Workbook(
            [["魏已知", "wei.known@example.org", "检查员", "项目领导", "5", "是", "华东智慧园区运维项目、导入限定新项目"]],
            [["导入限定新项目", "新客户", "导入限定组", "", ""]]));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var projects = await factory.WithDbAsync(db => db.Projects.Where(p => p.Name == "华东智慧园区运维项目" || p.Name == "导入限定新项目").Select(p => p.Id).ToListAsync());
        Assert.Equal(projects.Order(), (await factory.PersonByEmailAsync("wei.known@example.org"))!.InspectableProjectIds.Order());
    }

    [Fact]
    public async Task The_project_list_is_searched_and_paged()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 27; i++)
            {
                db.Projects.Add(new Project($"分页项目{i:00}", "分页客户"));
            }

            return await db.SaveChangesAsync();
        });

        var first = WebUtility.HtmlDecode(await client.GetStringAsync("/Projects?q=分页项目"));
        var second = WebUtility.HtmlDecode(await client.GetStringAsync("/Projects?q=分页项目&page=2"));

        Assert.Contains(Texts.Zh("Admin.Projects.Count", "27"), first, StringComparison.Ordinal);
        Assert.Contains("分页项目00", first, StringComparison.Ordinal);
        Assert.DoesNotContain("分页项目25", first, StringComparison.Ordinal);
        Assert.Contains("分页项目25", second, StringComparison.Ordinal);
        Assert.Contains("page=2", first, StringComparison.Ordinal);
    }

    private static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/Identity/Account/AccessDenied", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> ProjectForm(string name, string customer, string response, Guid stamp) =>
    [
        new("Name", name), new("Customer", customer), new("FirstResponseHours", response), new("ResolutionHours", "24"), new("ArchiveHours", "48"),
        new("ConcurrencyStamp", stamp.ToString()),
    ];

    /// <summary>A new project managed by the demo manager.</summary>
    private async Task<int> ManagedProjectAsync(string name)
    {
        await factory.EnsureDemoDataAsync();
        return await factory.WithDbAsync(async db =>
        {
            var manager = await db.People.FirstAsync(p => p.Email == ManagerEmail);
            var project = new Project(name, "客户");
            project.SetManagers([manager], _ => true);
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project.Id;
        });
    }

    /// <summary>A new project nobody manages, with one team.</summary>
    [Fact]
    public async Task A_manager_without_a_person_record_manages_nothing_and_is_refused_every_project_and_team()
    {
        var (project, team) = await OtherProjectWithTeamAsync();
        var projectStamp = await factory.ProjectStampAsync(project.Id);
        var teamStamp = await factory.TeamStampAsync(team);
        var nobody = new Actor("no-person", "无人员记录的经理", null) { Roles = new HashSet<string>([Roles.Manager]) };
        await using var scope = factory.Services.CreateAsyncScope();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectsAdminService>();
        var teams = scope.ServiceProvider.GetRequiredService<TeamsAdminService>();
        var input = new ProjectInput(project.Name, "越权客户", null, null, 2, 24, 48, project.TimeZoneId);

        Assert.Empty((await projects.ListAsync(nobody, null, PageRequest.Of(1, 25, 25))).Items);
        Assert.Empty(await projects.OptionsAsync(nobody));
        Assert.Empty((await teams.ListAsync(nobody, null, null, PageRequest.Of(1, 25, 25))).Items);
        Assert.Equal(OutcomeStatus.Forbidden, (await projects.GetAsync(project.Id, nobody)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await projects.UpdateAsync(project.Id, projectStamp, input, nobody)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await teams.GetAsync(team, nobody)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await teams.UpdateAsync(team, teamStamp, new TeamInput(project.Id, "越权改名", null, []), nobody)).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await teams.CreateAsync(new TeamInput(project.Id, "越权新组", null, []), nobody)).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await projects.UpdateAsync(int.MaxValue, projectStamp, input, nobody)).Status);
        Assert.Equal("别人的客户", await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Customer).FirstAsync()));
    }

    private async Task<(Project Project, int Team)> OtherProjectWithTeamAsync()
    {
        await factory.EnsureDemoDataAsync();
        return await factory.WithDbAsync(async db =>
        {
            var project = new Project("别人的项目" + Guid.NewGuid().ToString("N")[..6], "别人的客户");
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            var team = new Team(project.Id, "别人的服务组");
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return (project, team.Id);
        });
    }
}
