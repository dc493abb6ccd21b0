using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Performance;

namespace ServiceReview.Web.Tests.Inspections;

/// <summary>
/// The SQL budget of the inspector's everyday requests (issue #15): the form in two queries of its own (the record, its
/// evidence files) beside the layout's three (the session, the actor, the unread count), an autosave and the live score
/// without reading the published plan, which comes from memory.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_cost_of_filling_an_inspection(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    // The layout's share of every signed-in page: the session check, the actor, the bell's unread count.
    private const int Layout = 3;

    [Fact]
    public async Task The_form_runs_two_queries_of_its_own_beside_the_layouts()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector1@demo.local");
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var form = await factory.WarmGetAsync(client, $"/Inspections/Fill/{id}");

        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        // Its own: the record with its entries, round and names in one query; its evidence files (Fill.cshtml).
        form.Within(Layout + 2, "the form");
        Assert.DoesNotContain(form.Commands, c => c.Contains("\"PlanVersions\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_autosave_reads_the_record_once_and_no_plan()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector2@demo.local");
        var client = await factory.SignedInAsync("inspector2@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var token = ServiceReviewWebFactory.FormTokenOf(html);
        var first = await Filling_an_inspection.PostDraftAsync(client, id, new FormFields().Set("1.3", "Pass", "true").Content(token, ServiceReviewWebFactory.StampOf(html), null, seconds: 5));
        var stamp = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stamp").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inspections/{id}/draft")
        {
            Content = new FormFields().Set("1.3", "Pass", "false").Content(token, stamp, null, seconds: 5),
        };
        var save = await factory.SqlCommandsOfAsync(client, request);

        Assert.Equal(HttpStatusCode.OK, save.Response.StatusCode);
        // The session, the actor, the record with its entries and the time of its last audited draft, the two updates.
        save.Within(5, "an autosave");
        Assert.DoesNotContain(save.Commands, c => c.Contains("\"PlanVersions\"", StringComparison.Ordinal));
        Assert.DoesNotContain(save.Commands, c => c.Contains("INSERT INTO \"AuditLog\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_live_score_of_a_published_plan_reads_nothing_but_the_session()
    {
        await factory.EnsureDemoDataAsync();
        var client = await factory.SignedInAsync("inspector3@demo.local");
        var token = Html.AttributeOf(await client.GetStringAsync("/"), "meta[name=request-verification-token]", "content")!;
        const string body = """{"items": {"1.1": {"value": 96.0}, "1.2": {"count": 2}, "1.3": {"pass": true}, "2.3": {"level": "良好"}}}""";

        SqlCommandsOfRequest score = null!;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/plans/1/score") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("RequestVerificationToken", token);
            score = await factory.SqlCommandsOfAsync(client, request);
        }

        Assert.Equal(HttpStatusCode.OK, score.Response.StatusCode);
        score.Within(1, "the live score");
    }
}
