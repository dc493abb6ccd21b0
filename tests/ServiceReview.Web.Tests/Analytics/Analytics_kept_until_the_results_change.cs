using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Analytics;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary>
/// Issue #15: the round analytics and the bias report are computed once per change of the results and kept
/// (<see cref="AnalyticsCache"/>). What the app serves from memory must equal a fresh computation after every event
/// that changes a result — submit, confirm, a ruling, a reopening — and after a calibration exercise counts.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Analytics_kept_until_the_results_change(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";

    [Fact]
    public async Task The_kept_figures_equal_a_fresh_computation_after_each_submit_confirm_ruling_and_reopening()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2, I3],
            [F.Lead2Team] = [I1, I2],
        });
        var seen = new List<string> { await AssertKeptEqualsFreshAsync(round.RoundId) };

        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        seen.Add(await AssertKeptEqualsFreshAsync(round.RoundId));
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        seen.Add(await AssertKeptEqualsFreshAsync(round.RoundId));
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I2], F.Inputs.Perfect(), confirm: true);
        seen.Add(await AssertKeptEqualsFreshAsync(round.RoundId));
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.Vetoed());
        seen.Add(await AssertKeptEqualsFreshAsync(round.RoundId));

        // A ruling through the pages: lead1 disputes, the manager changes 3.1.
        await factory.DisputeAndChangeAsync(round[F.Lead1Team, I3], "3.1", "录音证明沟通得当。", "良好", "改为良好。");
        seen.Add(await AssertKeptEqualsFreshAsync(round.RoundId));

        // Reopening a confirmed inspection takes it out of the figures again.
        await factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.FirstAsync(i => i.Id == round[F.Lead2Team, I2]);
            inspection.Reopen("补充材料。");
            await db.SaveChangesAsync();
            return 0;
        });
        seen.Add(await AssertKeptEqualsFreshAsync(round.RoundId));

        // The events changed what the pages show (so a cache that kept its first figures would have failed above).
        Assert.True(seen.Distinct(StringComparer.Ordinal).Count() >= 5, $"{seen.Distinct(StringComparer.Ordinal).Count()} distinct states of {seen.Count}");
    }

    [Fact]
    public async Task A_second_read_without_a_change_is_served_from_memory()
    {
        await factory.EnsureDemoDataAsync();
        var round = (await factory.ClosedRoundsAsync())[0].Id;
        var before = await FingerprintAsync();

        var first = await KeptAsync(round);
        var second = await KeptAsync(round);

        Assert.Equal(before, await FingerprintAsync());
        Assert.Same(first.Agreement.Indicators, second.Agreement.Indicators);
        Assert.Same(first.Bias.Categories, second.Bias.Categories);
    }

    /// <summary>The app's (kept) figures and a computation with an empty cache agree; returns the app's, as JSON.</summary>
    private async Task<string> AssertKeptEqualsFreshAsync(int roundId)
    {
        var kept = await KeptAsync(roundId);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<AnalyticsOptions>();
        var results = scope.ServiceProvider.GetRequiredService<RoundResultsService>();
        var fresh = new AnalyticsCache();
        var agreement = await new RoundAgreementService(db, options, fresh, results, new PlanVersionCache()).ComputeAsync(roundId);
        var bias = await new InspectorBiasService(db, options, fresh, results).ComputeAsync(null, null);

        var keptJson = JsonSerializer.Serialize(new { kept.Agreement, kept.Bias });
        Assert.Equal(JsonSerializer.Serialize(new { Agreement = agreement, Bias = bias }), keptJson);
        return keptJson;
    }

    private async Task<(RoundAgreement Agreement, InspectorBiasReport Bias)> KeptAsync(int roundId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var agreement = await scope.ServiceProvider.GetRequiredService<RoundAgreementService>().ComputeAsync(roundId);
        var bias = await scope.ServiceProvider.GetRequiredService<InspectorBiasService>().ComputeAsync(null, null);
        return (agreement!, bias);
    }

    private async Task<ResultsFingerprint> FingerprintAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await AnalyticsCache.FingerprintAsync(
            scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>(), scope.ServiceProvider.GetRequiredService<RoundResultsService>(), default);
    }
}
