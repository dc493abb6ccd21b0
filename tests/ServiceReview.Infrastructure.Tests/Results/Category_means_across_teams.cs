using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Infrastructure.Tests.Results;

/// <summary>
/// The dashboard's mean category score across teams (issue #13 item 4): one rounding, from the full-precision team
/// means, never a mean of already-rounded team scores rounded again.
/// </summary>
public sealed class Category_means_across_teams
{
    private static TeamResult Team(int id, decimal rounded, decimal full) =>
        new(id, $"T{id}", "P", null, rounded, "合格", 1, false, 1, 1, [new CategoryResult("1", "服务档案管理", 20m, rounded)], [])
        {
            CategoryMeans = new Dictionary<string, decimal?> { ["1"] = full },
        };

    [Fact]
    public void Are_the_mean_of_the_full_precision_team_means_rounded_once_by_the_caller()
    {
        // Full precision 10.04, 10.04, 10.14 → 10.0733 → 10.1. From the rounded 10.0, 10.0, 10.1 it would be 10.0333 → 10.0.
        var results = new RoundResults(
            new RoundSummary(1, "R", 1, RoundStatus.Closed, AggregationMethod.Mean, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), DateTime.UtcNow),
            [Team(1, 10.0m, 10.04m), Team(2, 10.0m, 10.04m), Team(3, 10.1m, 10.14m)],
            []);

        var mean = Assert.Single(IndicatorStatistics.CategoryMeans(results)).Mean;

        Assert.Equal(10.1m, Figure.Round(mean, FigureKind.Score));
        Assert.Equal((10.04m + 10.04m + 10.14m) / 3, mean);
    }
}
