using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Inspections;

/// <summary>
/// POST /api/inspections/{id}/score: the form's live score, answered like the plan preview, with the record's stored
/// measured figures deciding what is an override (the browser no longer says so).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class The_inspection_score_preview(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Owner = "inspector1@demo.local";

    // Every test shares one of the owner's open inspections (the preview changes nothing), with this figure for 1.1.
    private static readonly MeasuredFigure Figure = new(96.3m, 231, 240);

    private static readonly ConditionalWeakTable<ServiceReviewWebFactory, Task<(int Id, int PlanId)>> Shared = [];

    private const string WorkedExample = """
        {"items": {"1.1": {"value": 96.3}, "1.2": {"count": 2, "note": "两条逾期"}, "1.3": {"pass": true},
          "2.1": {"value": 91}, "2.2": {"na": true, "note": "无投诉"}, "2.3": {"level": "良好"},
          "3.1": {"level": "优秀", "note": "表扬信"}, "3.2": {"level": "一般"},
          "4.1": {"level": "良好"}, "4.2": {"count": 1, "note": "一次偏离"}, "4.3": {"pass": true},
          "5.1": {"value": 70}, "5.2": {"level": "良好"}, "5.3": {"level": "较差"}}}
        """;

    [Fact]
    public async Task The_owner_gets_the_same_figures_as_the_plan_preview_for_the_same_inputs()
    {
        var (id, planId) = await InspectionWithFigureAsync(Figure);
        var client = await factory.SignedInAsync(Owner);

        var mine = await PostAsync(client, $"/api/inspections/{id}/score", WorkedExample);
        var plan = await PostAsync(client, $"/api/plans/{planId}/score", WorkedExample);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var a = await mine.Content.ReadFromJsonAsync<JsonElement>();
        var b = await plan.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var field in new[] { "categories", "total", "totalBeforeVeto", "grade", "vetoedBy", "missing", "missingEvidence", "points", "complete" })
        {
            Assert.Equal(b.GetProperty(field).GetRawText(), a.GetProperty(field).GetRawText());
        }

        Assert.Equal(73.1m, a.GetProperty("total").GetDecimal());
        Assert.True(a.GetProperty("complete").GetBoolean());
        Assert.Empty(a.GetProperty("overridden").EnumerateArray());
        Assert.False(b.TryGetProperty("overridden", out _));
    }

    [Fact]
    public async Task The_server_marks_a_value_other_than_the_stored_figure_as_an_override_that_needs_a_note()
    {
        var (id, _) = await InspectionWithFigureAsync(Figure);
        var client = await factory.SignedInAsync(Owner);

        var bare = await (await PostAsync(client, $"/api/inspections/{id}/score", """{"items": {"1.1": {"value": 96.0}}}""")).Content.ReadFromJsonAsync<JsonElement>();
        var noted = await (await PostAsync(client, $"/api/inspections/{id}/score", """{"items": {"1.1": {"value": 96.0, "note": "两条记录系统漏计"}}}""")).Content.ReadFromJsonAsync<JsonElement>();
        var kept = await (await PostAsync(client, $"/api/inspections/{id}/score", """{"items": {"1.1": {"value": 96.3}}}""")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["1.1"], Codes(bare, "overridden"));
        Assert.Equal(["1.1"], Codes(bare, "missingEvidence"));
        Assert.Equal(["1.1"], Codes(noted, "overridden"));
        Assert.Empty(Codes(noted, "missingEvidence"));
        Assert.Empty(Codes(kept, "overridden"));
        Assert.Empty(Codes(kept, "missingEvidence"));
    }

    [Fact]
    public async Task The_browser_cannot_say_what_is_overridden()
    {
        var (id, _) = await InspectionWithFigureAsync(Figure);
        var client = await factory.SignedInAsync(Owner);

        var response = await PostAsync(client, $"/api/inspections/{id}/score", """{"items": {"1.1": {"value": 96.3, "overridden": true}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("items.1.1.overridden", out _), problem.ToString());
    }

    [Fact]
    public async Task A_partial_form_is_provisional_without_a_grade()
    {
        var (id, _) = await InspectionWithFigureAsync(Figure);
        var client = await factory.SignedInAsync(Owner);

        var score = await (await PostAsync(client, $"/api/inspections/{id}/score", """{"items": {"1.1": {"value": 96.3}, "4.3": {}}}""")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(score.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, score.GetProperty("grade").ValueKind);
        Assert.Contains("4.3", Codes(score, "missing"));
    }

    [Fact]
    public async Task A_malformed_request_gets_400_naming_the_field()
    {
        var (id, _) = await InspectionWithFigureAsync(Figure);
        var client = await factory.SignedInAsync(Owner);

        var response = await PostAsync(client, $"/api/inspections/{id}/score", """{"items": {"1.1": {"value": 101}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("items.1.1.value", out _), problem.ToString());
    }

    [Fact]
    public async Task Another_inspector_gets_404_and_another_role_403()
    {
        var (id, _) = await InspectionWithFigureAsync(Figure);
        var other = await factory.SignedInAsync("inspector2@demo.local");
        var manager = await factory.SignedInAsync("manager@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, $"/api/inspections/{id}/score", WorkedExample)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(manager, $"/api/inspections/{id}/score", WorkedExample)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, "/api/inspections/999999/score", WorkedExample)).StatusCode);
    }

    [Fact]
    public async Task A_signed_out_call_gets_401_and_a_post_without_the_token_400()
    {
        var (id, _) = await InspectionWithFigureAsync(Figure);
        var anonymous = factory.CreateBrowser();
        var owner = await factory.SignedInAsync(Owner);

        var signedOut = await anonymous.PostAsync($"/api/inspections/{id}/score", new StringContent(WorkedExample, Encoding.UTF8, "application/json"));
        var tokenless = await owner.PostAsync($"/api/inspections/{id}/score", new StringContent(WorkedExample, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
    }

    [Fact]
    public async Task The_preview_changes_nothing()
    {
        var (id, _) = await InspectionWithFigureAsync(Figure);
        var client = await factory.SignedInAsync(Owner);
        var before = await StateAsync(id);

        await PostAsync(client, $"/api/inspections/{id}/score", WorkedExample);

        Assert.Equal(before, await StateAsync(id));
    }

    private Task<(int Audit, InspectionStatus Status, Guid Stamp, int Filled)> StateAsync(int id) =>
        factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.AsNoTracking().Include(i => i.Entries).FirstAsync(i => i.Id == id);
            return (await db.AuditLog.CountAsync(), inspection.Status, inspection.ConcurrencyStamp, inspection.Inputs().Count);
        });

    /// <summary>One of the owner's open inspections, with <paramref name="figure"/> stored as indicator 1.1's measured figure.</summary>
    private Task<(int Id, int PlanId)> InspectionWithFigureAsync(MeasuredFigure figure)
    {
        lock (Shared)
        {
            if (!Shared.TryGetValue(factory, out var task))
            {
                task = TakeInspectionAsync(figure);
                Shared.Add(factory, task);
            }

            return task;
        }
    }

    private async Task<(int Id, int PlanId)> TakeInspectionAsync(MeasuredFigure figure)
    {
        var id = await factory.TakeOpenInspectionAsync(Owner);
        var planId = await factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == id);
            inspection.SetMeasured("1.1", figure);
            await db.SaveChangesAsync();
            return inspection.PlanVersionId;
        });
        return (id, planId);
    }

    private static List<string?> Codes(JsonElement score, string field) => [.. score.GetProperty(field).EnumerateArray().Select(e => e.GetString())];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string body)
    {
        var html = await client.GetStringAsync("/");
        var token = TokenPattern().Match(html).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
