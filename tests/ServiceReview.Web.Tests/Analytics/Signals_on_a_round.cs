using System.Net;
using System.Text.Json;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary>Each signal of the round page, raised by a round of our own on top of the demo data.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Signals_on_a_round(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I4 = "inspector4@demo.local";

    private static Dictionary<string, IndicatorInput> ManyNotApplicable()
    {
        var inputs = F.Inputs.WorkedExample();
        foreach (var code in new[] { "1.2", "2.1", "5.1" })
        {
            inputs[code] = new IndicatorInput { NotApplicable = true, Note = "检查期内无相关服务记录" };
        }

        return inputs;
    }

    [Fact]
    public async Task Ceiling_N_A_rate_override_thin_evidence_and_fast_fill_each_show_with_their_inspections()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2],
            [F.Lead2Team] = [I1, I4],
            ["政务云热线组"] = [I1, I4],
        });
        var overridden = F.Inputs.Perfect();
        overridden["1.1"] = new IndicatorInput { Value = 99m, Note = "系统漏计了三条已补录的记录，以纸质台账为准" };
        await factory.SubmitTimedAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), 3000, confirm: true);
        await factory.SubmitTimedAsync(round[F.Lead1Team, I2], overridden, 3000, new Dictionary<string, MeasuredFigure> { ["1.1"] = new(92m, 92, 100) }, confirm: true);
        await factory.SubmitTimedAsync(round[F.Lead2Team, I1], F.Inputs.Perfect(), 3000, confirm: true);
        await factory.SubmitTimedAsync(round[F.Lead2Team, I4], ManyNotApplicable(), 60);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Analytics/Round/{round.RoundId}");

        // Two of the two teams with totals average ≥ 95 (I4's 73-ish record is only submitted, and counts for signals).
        Assert.Contains("data-signal=\"OverriddenMeasure\"", html);
        Assert.Contains("data-signal=\"ThinEvidence\"", html);
        Assert.Contains("data-signal=\"NotApplicableRate\"", html);
        Assert.Contains("data-signal=\"FastFill\"", html);
        Assert.Contains($"data-record-link=\"{round[F.Lead1Team, I2]}\"", html);
        Assert.Contains($"data-record-link=\"{round[F.Lead2Team, I4]}\"", html);
        Assert.Contains(Texts.Zh("Analytics.Signal.OverriddenMeasure"), html);
    }

    [Fact]
    public async Task Most_teams_at_the_ceiling_is_a_signal()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2],
            [F.Lead2Team] = [I1, I2],
        });
        foreach (var id in round.Inspections.Values)
        {
            await factory.SubmitTimedAsync(id, F.Inputs.Perfect(), 3000, confirm: true);
        }

        var manager = await factory.SignedInAsync("manager@demo.local");
        var html = await manager.GetStringAsync($"/Analytics/Round/{round.RoundId}");

        Assert.Contains("data-signal=\"Ceiling\"", html);

        // Everyone gave 100 to everyone: no variance, so no coefficient rather than NaN.
        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/rounds/{round.RoundId}/agreement"));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("alphaInterval").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("icc").ValueKind);
        Assert.Equal("ICC(2,1)", json.RootElement.GetProperty("iccModel").GetString());
    }

    [Fact]
    public async Task A_fully_crossed_round_uses_the_two_way_ICC()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2],
            [F.Lead2Team] = [I1, I2],
            ["政务云热线组"] = [I1, I2],
        });
        await factory.SubmitTimedAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), 3000, confirm: true);
        await factory.SubmitTimedAsync(round[F.Lead1Team, I2], F.Inputs.Perfect(), 3000, confirm: true);
        await factory.SubmitTimedAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), 3000, confirm: true);
        await factory.SubmitTimedAsync(round[F.Lead2Team, I2], F.Inputs.WorkedExample(), 3000, confirm: true);
        await factory.SubmitTimedAsync(round["政务云热线组", I1], F.Inputs.Vetoed(), 3000, confirm: true);
        await factory.SubmitTimedAsync(round["政务云热线组", I2], F.Inputs.WorkedExample(), 3000, confirm: true);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var response = await manager.GetAsync($"/api/rounds/{round.RoundId}/agreement");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ICC(2,1)", json.RootElement.GetProperty("iccModel").GetString());

        // Totals before veto: 100/100, 73.1/73.1, 68.1/73.1 → close agreement, not spoilt by the veto's 0.
        Assert.True(json.RootElement.GetProperty("icc").GetDouble() > 0.9);
        Assert.True(json.RootElement.GetProperty("alphaInterval").GetDouble() > 0.9);
    }
}
