using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.ServiceRecords;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_metrics_endpoint(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private static readonly DateOnly From = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2);
    private static readonly DateOnly To = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Url(int teamId) => $"/api/teams/{teamId}/metrics?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";

    [Fact]
    public async Task A_manager_gets_the_five_figures_with_numerators_and_denominators_as_the_service_computes_them()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");

        var response = await client.GetAsync(Url(teamId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.True(root.GetProperty("records").GetInt32() > 100);
        await using var scope = factory.Services.CreateAsyncScope();
        var expected = await scope.ServiceProvider.GetRequiredService<IMeasuredFigures>().ComputeAsync(teamId, From, To, DateTime.UtcNow, default);
        foreach (var (name, metric) in new[] { ("complete", MeasuredMetric.Complete), ("lateArchives", MeasuredMetric.LateArchives), ("firstResponseOnTime", MeasuredMetric.FirstResponseOnTime), ("resolvedOnTime", MeasuredMetric.ResolvedOnTime), ("firstContactResolution", MeasuredMetric.FirstContactResolution) })
        {
            var figure = root.GetProperty(name);
            Assert.Equal(expected[metric].Denominator, figure.GetProperty("denominator").GetInt32());
            Assert.Equal(expected[metric].Value, figure.GetProperty("value").GetDecimal());
        }
    }

    [Fact]
    public async Task A_team_lead_gets_the_figures_of_their_own_team()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");

        var response = await client.GetAsync(Url(await factory.TeamLedByAsync("lead1@demo.local")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_team_lead_is_refused_the_figures_of_another_team()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");

        var response = await client.GetAsync(Url(await factory.TeamLedByAsync("lead2@demo.local")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_inspector_is_refused()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var response = await client.GetAsync(Url(await factory.TeamLedByAsync("lead1@demo.local")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_out_call_gets_401_and_an_unknown_team_404()
    {
        await factory.EnsureDemoDataAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowser().GetAsync(Url(1))).StatusCode);

        var client = await factory.SignedInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(99999))).StatusCode);
    }

    [Fact]
    public async Task A_period_without_records_has_null_values_and_a_missing_period_is_a_bad_request()
    {
        var client = await factory.SignedInAsync("admin@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/teams/{teamId}/metrics?from=2001-01-01&to=2001-01-31"));
        Assert.Equal(0, json.RootElement.GetProperty("records").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("complete").GetProperty("value").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/teams/{teamId}/metrics?to=2001-01-31")).StatusCode);
    }
}
