using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.ServiceRecords;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_service_record_pages(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string getPath, string postPath, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, getPath);
        return await client.PostAsync(postPath, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_team_lead_sees_the_records_and_figures_of_their_team_in_chinese()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");

        var html = await client.GetStringAsync($"/ServiceRecords/Team/{teamId}");

        Assert.Contains(Texts.Zh("Records.Metric.Complete"), html);
        Assert.Contains(Texts.Zh("Records.Metric.FirstResponseOnTime"), html);
        Assert.Contains("slice=ResponseOnTime", html);
    }

    [Fact]
    public async Task The_records_behind_a_numerator_are_listed_and_counted_like_the_figure()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var to = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var from = to.AddDays(-29);
        var metrics = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/teams/{teamId}/metrics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
        var late = metrics.RootElement.GetProperty("firstResponseOnTime").GetProperty("numerator").GetInt32();

        var html = await client.GetStringAsync($"/ServiceRecords/Team/{teamId}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&slice=ResponseOnTime");

        Assert.Contains(Texts.Zh("Records.Team.Count", late), html);
    }

    [Fact]
    public async Task A_team_lead_cannot_open_another_teams_records_and_an_unknown_team_is_404()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var other = await factory.TeamLedByAsync("lead2@demo.local");

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/ServiceRecords/Team/{other}")).StatusCode); // to access denied
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/ServiceRecords/Create?teamId={other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ServiceRecords/Team/99999")).StatusCode);
    }

    [Fact]
    public async Task A_team_lead_adds_a_record_and_edits_it_with_an_audit_entry_each()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");

        var created = await PostFormAsync(client, $"/ServiceRecords/Create?teamId={teamId}", $"/ServiceRecords/Create?teamId={teamId}", new()
        {
            ["TicketId"] = "WEB-1",
            ["Customer"] = "李女士",
            ["Channel"] = "Phone",
            ["Type"] = "Complaint",
            ["ReceivedAt"] = "2026-09-02T10:00",
            ["FirstResponseAt"] = "2026-09-02T10:30",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var record = await factory.WithDbAsync(db => db.ServiceRecords.AsNoTracking().SingleAsync(r => r.TeamId == teamId && r.TicketId == "WEB-1"));
        Assert.Equal(new DateTime(2026, 9, 2, 2, 0, 0, DateTimeKind.Utc), record.ReceivedAt);

        var edited = await PostFormAsync(client, $"/ServiceRecords/Edit/{record.Id}", $"/ServiceRecords/Edit/{record.Id}", new()
        {
            ["Customer"] = "李女士",
            ["Channel"] = "Phone",
            ["Type"] = "Complaint",
            ["Handler"] = "张敏",
            ["ReceivedAt"] = "2026-09-02T10:00",
            ["FirstResponseAt"] = "2026-09-02T10:30",
            ["LoadedTicks"] = record.UpdatedAt.Ticks.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var actions = await factory.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "ServiceRecord" && a.EntityId == record.Id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Created", "Updated"], actions);
    }

    [Fact]
    public async Task Saving_a_record_someone_else_saved_since_shows_the_conflict_and_changes_nothing()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var record = await factory.WithDbAsync(db => db.ServiceRecords.AsNoTracking().Where(r => r.TeamId == teamId).OrderBy(r => r.Id).FirstAsync());

        var response = await PostFormAsync(client, $"/ServiceRecords/Edit/{record.Id}", $"/ServiceRecords/Edit/{record.Id}", new()
        {
            ["Customer"] = "改过的客户",
            ["LoadedTicks"] = record.UpdatedAt.AddSeconds(-5).Ticks.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Records.Form.Conflict"), await response.Content.ReadAsStringAsync());
        Assert.Equal(record.Customer, await factory.WithDbAsync(db => db.ServiceRecords.Where(r => r.Id == record.Id).Select(r => r.Customer).SingleAsync()));
    }

    [Fact]
    public async Task A_duplicate_ticket_id_is_refused_in_the_form()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var teamId = await factory.TeamLedByAsync("lead2@demo.local");
        var existing = await factory.WithDbAsync(db => db.ServiceRecords.Where(r => r.TeamId == teamId).Select(r => r.TicketId).FirstAsync());

        var response = await PostFormAsync(client, $"/ServiceRecords/Create?teamId={teamId}", $"/ServiceRecords/Create?teamId={teamId}", new() { ["TicketId"] = existing });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Records.Domain.ServiceRecord.DuplicateTicket"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_manager_sets_a_working_calendar_and_a_team_lead_may_not()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var projectId = await factory.WithDbAsync(db => db.Projects.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await lead.GetAsync($"/ServiceRecords/Limits?projectId={projectId}")).StatusCode);
        var content = new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("FirstResponseHours", "4"), new("ResolutionHours", "16"), new("ArchiveHours", "48"), new("UseCalendar", "true"),
            new("Days", "Monday"), new("Days", "Friday"), new("DayStart", "09:00"), new("DayEnd", "18:00"), new("Holidays", "2026-10-01 国庆节"),
            new("__RequestVerificationToken", await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(manager, $"/ServiceRecords/Limits?projectId={projectId}")),
        });
        var response = await manager.PostAsync($"/ServiceRecords/Limits?projectId={projectId}", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().SingleAsync(p => p.Id == projectId));
        Assert.Equal(4m, project.Limits.FirstResponseHours);
        Assert.Equal(Core.Organisation.WorkDays.Monday | Core.Organisation.WorkDays.Friday, project.Calendar!.Days);
        Assert.Equal(new DateOnly(2026, 10, 1), Assert.Single(project.Calendar.Holidays).Date);
    }
}
