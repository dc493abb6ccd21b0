using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Security;
using ServiceReview.Web.Tests.Infrastructure;
using static ServiceReview.Web.Tests.Admin.AdminTestData;

namespace ServiceReview.Web.Tests.Admin;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Managing_projects_and_teams(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task An_administrator_creates_a_project_with_contract_period_and_limits_and_it_is_audited()
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Projects/Create", "/Projects/Create",
            Project("滨江商务区物业项目", "滨江商务区管委会", "2026-01-01", "2028-12-31", "1.5", "12", "36"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().FirstAsync(p => p.Name == "滨江商务区物业项目"));
        Assert.Equal("滨江商务区管委会", project.Customer);
        Assert.Equal(new DateOnly(2028, 12, 31), project.ContractEnd);
        Assert.Equal(1.5m, project.Limits.FirstResponseHours);
        Assert.Equal("Asia/Shanghai", project.TimeZoneId);
        Assert.Equal("Created", Assert.Single(await factory.AuditOfAsync("Project", project.Id)).Action);
    }

    [Fact]
    public async Task A_contract_that_ends_before_it_starts_or_a_taken_name_is_refused_and_nothing_is_saved()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var existing = await factory.WithDbAsync(db => db.Projects.Select(p => p.Name).FirstAsync());
        var before = await factory.WithDbAsync(db => db.Projects.CountAsync());

        var backwards = await ServiceReviewWebFactory.PostFormAsync(client, "/Projects/Create", "/Projects/Create",
            Project("倒序合同项目", "客户", "2027-01-01", "2026-01-01", "2", "24", "48"));
        var taken = await ServiceReviewWebFactory.PostFormAsync(client, "/Projects/Create", "/Projects/Create",
            Project(existing, "客户", null, null, "2", "24", "48"));

        Assert.Matches(Texts.ZhPattern("Admin.Projects.ContractEndBeforeStart"), WebUtility.HtmlDecode(await backwards.Content.ReadAsStringAsync()));
        Assert.Matches(Texts.ZhPattern("Admin.Projects.NameTaken"), WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Projects.CountAsync()));
    }

    [Fact]
    public async Task Editing_a_project_changes_its_limits_and_a_stale_form_gets_the_conflict_message()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var created = await ServiceReviewWebFactory.PostFormAsync(client, "/Projects/Create", "/Projects/Create",
            Project("并发编辑项目", "客户甲", null, null, "2", "24", "48"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await factory.WithDbAsync(db => db.Projects.Where(p => p.Name == "并发编辑项目").Select(p => p.Id).FirstAsync());
        var version = await factory.ProjectStampAsync(id);

        var first = await ServiceReviewWebFactory.PostFormAsync(client, $"/Projects/Edit/{Id(id)}", $"/Projects/Edit/{Id(id)}",
            Project("并发编辑项目", "客户乙", null, null, "4", "24", "48", version));
        var second = await ServiceReviewWebFactory.PostFormAsync(client, $"/Projects/Edit/{Id(id)}", $"/Projects/Edit/{Id(id)}",
            Project("并发编辑项目", "客户丙", null, null, "8", "24", "48", version));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().FirstAsync(p => p.Id == id));
        Assert.Equal("客户乙", project.Customer);
        Assert.Equal(4m, project.Limits.FirstResponseHours);
        Assert.Equal(["Created", "Updated"], (await factory.AuditOfAsync("Project", id)).Select(a => a.Action));
    }

    [Fact]
    public async Task A_team_is_created_with_a_lead_and_members_and_the_lead_gets_the_team_lead_role()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var project = await factory.WithDbAsync(db => db.Projects.Select(p => p.Id).FirstAsync());
        await ServiceReviewWebFactory.PostFormAsync(client, "/People/Create", "/People/Create",
            Person("冯组长", "feng.lead@example.org", [], null, null));
        var lead = await factory.PersonIdAsync("feng.lead@example.org");
        var member = await factory.PersonIdAsync("inspector4@demo.local");

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Teams/Create", "/Teams/Create",
        [
            new("ProjectId", Id(project)), new("Name", "冯组长的服务组"), new("LeadId", Id(lead)), new("MemberIds", Id(member)), new("ConcurrencyStamp", Guid.Empty.ToString()),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var team = await factory.WithDbAsync(db => db.Teams.Include(t => t.Members).AsNoTracking().FirstAsync(t => t.Name == "冯组长的服务组"));
        Assert.Equal(lead, team.LeadId);
        Assert.Equal([member], team.Members.Select(m => m.PersonId));
        Assert.Contains(Roles.TeamLead, (await factory.AccountAsync("feng.lead@example.org")).Roles);
        Assert.Equal("Created", Assert.Single(await factory.AuditOfAsync("Team", team.Id)).Action);
    }

    [Fact]
    public async Task Editing_a_team_replaces_its_members_and_a_name_taken_in_the_project_is_refused()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var team = await factory.WithDbAsync(db => db.Teams.Include(t => t.Members).AsNoTracking().OrderBy(t => t.Id).FirstAsync());
        var other = await factory.WithDbAsync(db => db.Teams.Where(t => t.ProjectId == team.ProjectId && t.Id != team.Id).Select(t => t.Name).FirstOrDefaultAsync());
        var newMember = await factory.PersonIdAsync("inspector5@demo.local");
        var version = await factory.TeamStampAsync(team.Id);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/Teams/Edit/{Id(team.Id)}", $"/Teams/Edit/{Id(team.Id)}",
        [
            new("Name", team.Name), new("LeadId", team.LeadId?.ToString(CultureInfo.InvariantCulture) ?? ""), new("MemberIds", Id(newMember)),
            new("ConcurrencyStamp", version.ToString()),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Teams.Include(t => t.Members).AsNoTracking().FirstAsync(t => t.Id == team.Id));
        Assert.Equal([newMember], saved.Members.Select(m => m.PersonId));
        Assert.Equal("Updated", (await factory.AuditOfAsync("Team", team.Id)).Last().Action);

        if (other is not null)
        {
            var newVersion = await factory.TeamStampAsync(team.Id);
            var clash = await ServiceReviewWebFactory.PostFormAsync(client, $"/Teams/Edit/{Id(team.Id)}", $"/Teams/Edit/{Id(team.Id)}",
                [new("Name", other), new("ConcurrencyStamp", newVersion.ToString())]);
            Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
            Assert.Equal(team.Name, (await factory.WithDbAsync(db => db.Teams.AsNoTracking().FirstAsync(t => t.Id == team.Id))).Name);
        }
    }

    [Fact]
    public async Task The_team_list_filters_by_project_and_an_unknown_team_is_not_found()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var project = await factory.WithDbAsync(db => db.Projects.OrderBy(p => p.Id).Select(p => new { p.Id, Teams = db.Teams.Where(t => t.ProjectId == p.Id).Select(t => t.Name).ToList() }).FirstAsync());
        var otherTeam = await factory.WithDbAsync(db => db.Teams.Where(t => t.ProjectId != project.Id).Select(t => t.Name).FirstAsync());

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Teams?projectId={Id(project.Id)}"));

        Assert.All(project.Teams, name => Assert.Contains(name, html, StringComparison.Ordinal));
        Assert.DoesNotContain(">" + otherTeam + "<", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Teams/Edit/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Projects/Edit/999999")).StatusCode);
    }

    private static List<KeyValuePair<string, string>> Project(string name, string customer, string? start, string? end, string response, string resolution, string archive, Guid version = default) =>
    [
        new("Name", name), new("Customer", customer), new("ContractStart", start ?? ""), new("ContractEnd", end ?? ""),
        new("FirstResponseHours", response), new("ResolutionHours", resolution), new("ArchiveHours", archive),
        new("TimeZoneId", "Asia/Shanghai"), new("ConcurrencyStamp", version.ToString()),
    ];
}
