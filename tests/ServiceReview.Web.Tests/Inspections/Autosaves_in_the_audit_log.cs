using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Security;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Inspections;

/// <summary>
/// Issue #15, writes: autosave does not write an audit entry per save. A record's first draft is audited, then at most
/// one draft entry per five minutes of the app's clock (moved by the test); the record's history shows the first and the
/// last audited draft with their number, and the submission has its own entry.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Autosaves_in_the_audit_log(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Inspector = "inspector4@demo.local";

    [Fact]
    public async Task Autosaves_within_five_minutes_of_the_last_audited_draft_add_no_entry_and_the_history_still_shows_first_and_last()
    {
        var clock = new MovableClock();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var id = await factory.TakeOpenInspectionAsync(Inspector);
        var client = await SignedInAsync(app, Inspector);
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var token = F.FormTokenOf(html);
        var stamp = F.StampOf(html);

        // Ten autosaves a few seconds apart: the first is audited, the other nine are not.
        for (var i = 0; i < 10; i++)
        {
            stamp = await SaveAsync(client, id, token, stamp, i % 2 == 0 ? "true" : "false");
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(1, await DraftEntriesAsync(id));

        // Five minutes after the audited one, the next save is audited again; the one after it is not.
        clock.Advance(TimeSpan.FromMinutes(5));
        stamp = await SaveAsync(client, id, token, stamp, "true");
        clock.Advance(TimeSpan.FromSeconds(5));
        await SaveAsync(client, id, token, stamp, "false");
        Assert.Equal(2, await DraftEntriesAsync(id));

        var record = await client.GetStringAsync($"/inspections/{id}");
        Assert.NotNull(Html.First(record, "[data-timeline-event='FirstDraft']"));
        Assert.NotNull(Html.First(record, "[data-timeline-event='LastDraft']"));
        Assert.Contains(Texts.Zh("Record.DraftCount", 2), record, StringComparison.Ordinal);
    }

    private static async Task<string> SaveAsync(HttpClient client, int id, string token, string stamp, string pass)
    {
        var response = await Filling_an_inspection.PostDraftAsync(client, id, new FormFields().Set("1.3", "Pass", pass).Content(token, stamp, null, seconds: 5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stamp").GetString()!;
    }

    private Task<int> DraftEntriesAsync(int id) =>
        factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == "Inspection" && a.EntityId == id.ToString() && a.Action == "DraftSaved"));

    private async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> app, string email)
    {
        await factory.EnsureDemoDataAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await F.SignInAsync(client, email, F.DemoPassword)).StatusCode);
        return client;
    }
}
