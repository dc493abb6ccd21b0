using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Results;

/// <summary>
/// The stored round results (ADR 0027) are written when a result changes and must show exactly what a fresh
/// calculation over the same inspections shows: after every confirm, ruling and reopening, and after a lazy backfill.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Stored_round_results(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";
    private const string I4 = "inspector4@demo.local";

    [Fact]
    public async Task Stored_figures_equal_a_fresh_calculation_after_each_confirm_ruling_and_reopening()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.TrimmedMean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2, I3],
            [F.Lead2Team] = [I1, I2],
            ["政务云热线组"] = [I4],
        });
        // Stored before any result: from here on only the events keep it in step.
        var first = await factory.WithServiceAsync<RoundResultsService, int>(async s => (await s.EnsureStoredAsync(round.RoundId))!.Version);
        await AssertInStepAsync(round.RoundId);

        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await AssertInStepAsync(round.RoundId);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await AssertInStepAsync(round.RoundId);
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.Vetoed());
        await factory.SubmitAsync(round[F.Lead2Team, I2], F.Inputs.Perfect(), confirm: true);
        await AssertInStepAsync(round.RoundId);

        // A ruling through the pages (lead1 disputes, the manager changes 3.1): the ruled inspection is confirmed.
        await factory.DisputeAndChangeAsync(round[F.Lead1Team, I3], "3.1", "录音证明沟通得当。", "良好", "改为良好。");
        await AssertInStepAsync(round.RoundId);

        // Reopening a confirmed inspection takes it out of the results again.
        await factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.FirstAsync(i => i.Id == round[F.Lead2Team, I2]);
            inspection.Reopen("补充材料。");
            await db.SaveChangesAsync();
            return 0;
        });
        var (total, version) = await AssertInStepAsync(round.RoundId);
        Assert.True(version > first + 5, $"The stored results were rewritten on each event (version {first} → {version}).");
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task A_round_without_stored_results_is_stored_the_first_time_it_is_read()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        Assert.False(await factory.WithDbAsync(db => db.StoredRoundResults.AnyAsync(s => s.RoundId == round.RoundId)));

        var manager = await factory.SignedInAsync("manager@demo.local");
        await manager.GetStringAsync($"/Results/Round/{round.RoundId}");

        Assert.True(await factory.WithDbAsync(db => db.StoredRoundResults.AnyAsync(s => s.RoundId == round.RoundId)));
        await AssertInStepAsync(round.RoundId);

        // Rebuilt by hand (ADR 0027): the round's row removed, its team rows left behind, the next read stores it again.
        await factory.WithDbAsync(db => db.StoredRoundResults.Where(s => s.RoundId == round.RoundId).ExecuteDeleteAsync());
        await manager.GetStringAsync($"/Results/Round/{round.RoundId}");
        await AssertInStepAsync(round.RoundId);
    }

    /// <summary>Every figure of the stored results equals the fresh calculation's; returns the teams with a result and the version.</summary>
    private async Task<(int WithResult, int Version)> AssertInStepAsync(int roundId)
    {
        var fresh = (await factory.WithServiceAsync<RoundResultsService, RoundResults?>(s => s.ComputeAsync(roundId)))!;
        var stored = (await factory.WithServiceAsync<RoundResultsService, RoundPage?>(s => s.RoundPageAsync(roundId, new TeamsQuery())))!;

        Assert.Equal(fresh.Teams.Select(t => t.TeamId), stored.Teams.Items.Select(t => t.TeamId));
        foreach (var (a, b) in fresh.Teams.Zip(stored.Teams.Items))
        {
            Assert.Equal((a.Total, a.Grade, a.Rank, a.Trimmed, a.MiddleAloneDecides, a.ConfirmedCount, a.AssignedCount),
                (b.Total, b.Grade, b.Rank, b.Trimmed, b.MiddleAloneDecides, b.ConfirmedCount, b.AssignedCount));
            Assert.Equal(a.Counted, b.Counted);
            Assert.Equal(a.Dropped, b.Dropped);
            Assert.Equal(a.Categories.Select(c => (c.Code, c.Score)), b.Categories.Select(c => (c.Code, c.Score)));
            Assert.Equal(a.CategoryMeans.OrderBy(x => x.Key, StringComparer.Ordinal), b.CategoryMeans.OrderBy(x => x.Key, StringComparer.Ordinal));
            Assert.Equal(a.IndicatorMeans.OrderBy(x => x.Key, StringComparer.Ordinal), b.IndicatorMeans.OrderBy(x => x.Key, StringComparer.Ordinal));
        }

        var ranked = fresh.Teams.Where(t => t.Total is not null).Select(t => t.Total!.Value).ToList();
        var f = stored.Figures;
        Assert.Equal(fresh.Teams.Count, f.Teams);
        Assert.Equal(ranked.Count, f.WithResult);
        Assert.Equal(ranked.Count == 0 ? null : ranked.Average(), f.MeanTotal);
        Assert.Equal(IndicatorStatistics.GradeDistribution(fresh, stored.Grades), stored.Grades.Select(g => (g, f.Grades.GetValueOrDefault(g))).ToList());
        Assert.Equal(
            IndicatorStatistics.CategoryMeans(fresh).Select(c => (c.Code, c.Mean)),
            stored.Categories.Select(c => (c.Code, f.CategoryMeans.GetValueOrDefault(c.Code))));
        Assert.Equal(
            IndicatorStatistics.WeakestFirst(fresh).Select(a => (a.Code, a.MeanPoints, a.Scored, a.NotApplicable)),
            f.WeakestFirst(stored.Indicators).Select(a => (a.Code, a.MeanPoints, a.Scored, a.NotApplicable)));
        return (f.WithResult, stored.Version);
    }
}
