using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Inspections;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_plans_api(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string WorkedExample = """
        {"items": {"1.1": {"value": 96.0}, "1.2": {"count": 2, "note": "两条逾期"}, "1.3": {"pass": true},
          "2.1": {"value": 91}, "2.2": {"na": true, "note": "无投诉"}, "2.3": {"level": "良好"},
          "3.1": {"level": "优秀", "note": "表扬信"}, "3.2": {"level": "一般"},
          "4.1": {"level": "良好"}, "4.2": {"count": 1, "note": "一次偏离"}, "4.3": {"pass": true},
          "5.1": {"value": 70}, "5.2": {"level": "良好"}, "5.3": {"level": "较差"}}}
        """;

    [Fact]
    public async Task Lists_the_plan_versions_with_id_name_version_and_status()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var plans = await client.GetFromJsonAsync<JsonElement>("/api/plans");

        var first = plans.EnumerateArray().First();
        Assert.Equal("项目客户服务组检查考评标准", first.GetProperty("name").GetString());
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("Published", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task Gives_one_version_in_full_in_the_shape_of_the_contract()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var id = await PlanIdAsync(client);

        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/plans/{id}");

        Assert.Equal(["优秀:90", "良好:80", "合格:60"], plan.GetProperty("gradeBounds").EnumerateArray()
            .Select(g => $"{g.GetProperty("grade").GetString()}:{g.GetProperty("min").GetDecimal()}"));
        var categories = plan.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(5, categories.Count);
        Assert.Equal("服务档案管理", categories[0].GetProperty("name").GetString());
        Assert.Equal(20m, categories[0].GetProperty("weight").GetDecimal());
        var indicators = categories.SelectMany(c => c.GetProperty("indicators").EnumerateArray()).ToDictionary(i => i.GetProperty("code").GetString()!);

        var i11 = indicators["1.1"];
        Assert.Equal("Bands", i11.GetProperty("kind").GetString());
        Assert.Equal(8m, i11.GetProperty("max").GetDecimal());
        Assert.True(i11.GetProperty("naAllowed").GetBoolean());
        Assert.False(i11.GetProperty("critical").GetBoolean());
        Assert.Equal("complete", i11.GetProperty("measure").GetString());
        Assert.Equal("HigherIsBetter", i11.GetProperty("direction").GetString());
        Assert.Equal("98:8,95:6,90:4", string.Join(",", i11.GetProperty("bands").EnumerateArray().Select(b => $"{b.GetProperty("bound").GetDecimal()}:{b.GetProperty("points").GetDecimal()}")));
        Assert.Equal(JsonValueKind.Null, i11.GetProperty("perOccurrence").ValueKind);
        Assert.Equal(JsonValueKind.Null, i11.GetProperty("levels").ValueKind);

        Assert.Equal("lateArchives", indicators["1.2"].GetProperty("measure").GetString());
        Assert.Equal("firstResponseOnTime", indicators["2.1"].GetProperty("measure").GetString());
        Assert.Equal("resolvedOnTime", indicators["2.2"].GetProperty("measure").GetString());
        Assert.Equal("firstContactResolution", indicators["5.1"].GetProperty("measure").GetString());
        Assert.Equal(2.5m, indicators["4.2"].GetProperty("perOccurrence").GetDecimal());
        Assert.Equal("Deduction", indicators["4.2"].GetProperty("kind").GetString());
        Assert.True(indicators["4.3"].GetProperty("critical").GetBoolean());
        Assert.Equal("Check", indicators["4.3"].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, indicators["4.3"].GetProperty("measure").ValueKind);
        Assert.Equal("优秀:1,良好:0.8,一般:0.6,较差:0.3,差:0", string.Join(",", indicators["2.3"].GetProperty("levels").EnumerateArray()
            .Select(l => $"{l.GetProperty("label").GetString()}:{l.GetProperty("fraction").GetDecimal()}")));
    }

    [Fact]
    public async Task Answers_404_for_a_plan_that_does_not_exist()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/plans/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostScoreAsync(client, 99999, WorkedExample)).StatusCode);
    }

    [Fact]
    public async Task Scores_the_worked_example_of_the_scoring_contract_73_1_pass()
    {
        var client = await factory.SignedInAsync("inspector2@demo.local");

        var response = await PostScoreAsync(client, await PlanIdAsync(client), WorkedExample);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var score = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(73.1m, score.GetProperty("total").GetDecimal());
        Assert.Equal(73.1m, score.GetProperty("totalBeforeVeto").GetDecimal());
        Assert.Equal("合格", score.GetProperty("grade").GetString());
        Assert.True(score.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, score.GetProperty("vetoedBy").ValueKind);
        Assert.Equal("16.0,20.0,16.0,11.5,9.6", string.Join(",", score.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("score").GetDecimal().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))));
        var first = score.GetProperty("categories")[0];
        Assert.Equal("1", first.GetProperty("code").GetString());
        Assert.Equal("服务档案管理", first.GetProperty("name").GetString());
        Assert.Equal(20m, first.GetProperty("weight").GetDecimal());
        Assert.False(first.GetProperty("excluded").GetBoolean());
        Assert.Empty(score.GetProperty("missing").EnumerateArray());
        Assert.Empty(score.GetProperty("missingEvidence").EnumerateArray());
    }

    [Fact]
    public async Task Scores_the_veto_variant_0_with_68_1_before_the_veto_by_4_3()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var body = WorkedExample.Replace("\"4.3\": {\"pass\": true}", "\"4.3\": {\"pass\": false, \"note\": \"违约\"}", StringComparison.Ordinal);

        var score = await (await PostScoreAsync(client, await PlanIdAsync(client), body)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0m, score.GetProperty("total").GetDecimal());
        Assert.Equal(68.1m, score.GetProperty("totalBeforeVeto").GetDecimal());
        Assert.Equal("不合格", score.GetProperty("grade").GetString());
        Assert.Equal("4.3", score.GetProperty("vetoedBy").GetString());
    }

    [Fact]
    public async Task Lists_what_is_missing_and_what_lacks_evidence_and_scores_the_rest()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var response = await PostScoreAsync(client, await PlanIdAsync(client), """{"items": {"1.2": {"count": 2}, "3.1": {"level": "良好"}}}""");

        var score = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["1.2"], score.GetProperty("missingEvidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("1.1", score.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("3.1", score.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.True(score.GetProperty("categories")[1].GetProperty("excluded").GetBoolean());
    }

    [Fact]
    public async Task A_partial_form_is_provisional_a_total_so_far_and_no_grade_until_every_indicator_has_an_input()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var planId = await PlanIdAsync(client);
        var allButOne = WorkedExample.Replace("\"4.3\": {\"pass\": true},", "", StringComparison.Ordinal);
        Assert.NotEqual(WorkedExample, allButOne);

        var empty = await (await PostScoreAsync(client, planId, """{"items": {}}""")).Content.ReadFromJsonAsync<JsonElement>();
        var partial = await (await PostScoreAsync(client, planId, allButOne)).Content.ReadFromJsonAsync<JsonElement>();
        var whole = await (await PostScoreAsync(client, planId, WorkedExample)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(empty.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("grade").ValueKind);
        Assert.False(partial.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, partial.GetProperty("grade").ValueKind);
        Assert.Equal(["4.3"], partial.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.True(partial.GetProperty("total").GetDecimal() > 0m);
        Assert.True(whole.GetProperty("complete").GetBoolean());
        Assert.Equal("合格", whole.GetProperty("grade").GetString());
    }

    [Fact]
    public async Task An_overridden_measured_value_needs_a_note()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var response = await PostScoreAsync(client, await PlanIdAsync(client), """{"items": {"1.1": {"value": 99, "overridden": true}}}""");

        var score = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["1.1"], score.GetProperty("missingEvidence").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""{"items": {"9.9": {"value": 1}}}""", "items.9.9")]
    [InlineData("""{"items": {"1.1": {"value": 96, "na": true}}}""", "items.1.1")]
    [InlineData("""{"items": {"1.1": {"value": "96"}}}""", "items.1.1.value")]
    [InlineData("""{"items": {"2.3": {"level": "很好"}}}""", "items.2.3.level")]
    [InlineData("""{"items": {"1.2": {"count": -1}}}""", "items.1.2.count")]
    [InlineData("""{"items": {"1.2": {"count": 1.5}}}""", "items.1.2.count")]
    [InlineData("""{"items": {"1.1": {"value": 101}}}""", "items.1.1.value")]
    [InlineData("""{"items": {"2.3": {"value": 5}}}""", "items.2.3.value")]
    [InlineData("""{"items": {"4.3": {"na": true}}}""", "items.4.3.na")]
    [InlineData("""{"items": {"1.3": {"pass": "yes"}}}""", "items.1.3.pass")]
    [InlineData("""{"items": {"1.3": {"pass": true, "colour": "red"}}}""", "items.1.3.colour")]
    [InlineData("""{"items": [1, 2]}""", "items")]
    [InlineData("""{"items": {"1.1": {"value": 96""", "$")]
    public async Task Refuses_a_malformed_request_with_400_naming_the_field(string body, string field)
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var response = await PostScoreAsync(client, await PlanIdAsync(client), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        Assert.StartsWith(field + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explains_a_refusal_in_the_users_language()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var id = await PlanIdAsync(client);

        var chinese = await (await PostScoreAsync(client, id, """{"items": {"2.3": {"level": "很好"}}}""")).Content.ReadFromJsonAsync<JsonElement>();
        var english = await (await PostScoreAsync(client, id, """{"items": {"2.3": {"level": "很好"}}}""", "?culture=en")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("items.2.3.level: 指标 2.3 没有“很好”这一等级。", chinese.GetProperty("detail").GetString());
        Assert.Equal("items.2.3.level: Indicator 2.3 has no level \"很好\".", english.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_preview_changes_nothing()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var before = await factory.WithDbAsync(async db => (await db.AuditLog.CountAsync(), await db.Inspections.CountAsync(i => i.Total != null)));

        await PostScoreAsync(client, await PlanIdAsync(client), WorkedExample);

        Assert.Equal(before, await factory.WithDbAsync(async db => (await db.AuditLog.CountAsync(), await db.Inspections.CountAsync(i => i.Total != null))));
    }

    [Fact]
    public async Task A_signed_out_call_gets_401()
    {
        await factory.EnsureDemoDataAsync();
        var client = factory.CreateBrowser();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/plans/1")).StatusCode);
    }

    [Fact]
    public async Task An_external_post_without_the_antiforgery_token_gets_400()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var id = await PlanIdAsync(client);

        var response = await client.PostAsync($"/api/plans/{id}/score", new StringContent(WorkedExample, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<int> PlanIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/plans")).EnumerateArray().First().GetProperty("id").GetInt32();

    private static async Task<HttpResponseMessage> PostScoreAsync(HttpClient client, int planId, string body, string query = "")
    {
        var html = await client.GetStringAsync("/");
        var token = Regex.Match(html, "<meta name=\"request-verification-token\" content=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{planId}/score{query}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }
}
