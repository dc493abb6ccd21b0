using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Infrastructure.Tests.Results;

/// <summary>
/// The weakest indicators (dashboard chart, the round workbook's indicator sheet) read the same inspections as the team
/// results: an inspection the trimmed mean dropped counts in no figure (issue #13 item 1).
/// </summary>
public sealed class Indicator_means_across_teams
{
    private static InspectionResult Inspection(int id, decimal points, InspectionStatus status = InspectionStatus.Confirmed) =>
        new(id, id, $"I{id}", $"i{id}@x", status, points, points, "合格", null, [], [new ItemResult("1.1", new IndicatorInput { Value = 90m }, points)]);

    private static RoundResults Round(params TeamResult[] teams) => new(
        new RoundSummary(1, "R", 1, RoundStatus.Closed, AggregationMethod.TrimmedMean, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), DateTime.UtcNow),
        teams,
        [("1.1", "服务档案", 8m)]);

    [Fact]
    public void Leave_out_the_inspections_the_trimmed_mean_dropped()
    {
        // Team 1: 8, 4, 0 confirmed; the trimmed mean keeps the 4 only. Team 2: 6 (one inspection, counted).
        var one = new TeamResult(1, "T1", "P", null, 4m, "合格", 1, true, 3, 3, [], [Inspection(1, 8m), Inspection(2, 4m), Inspection(3, 0m)])
        {
            Counted = [2],
            Dropped = [1, 3],
        };
        var two = new TeamResult(2, "T2", "P", null, 6m, "合格", 1, false, 1, 2, [], [Inspection(4, 6m), Inspection(5, 2m, InspectionStatus.Submitted)])
        {
            Counted = [4],
        };

        var mean = Assert.Single(IndicatorStatistics.WeakestFirst(Round(one, two)));

        // Over the counted 4 and 6: 5.0 from two inspections. All confirmed would give (8 + 4 + 0 + 6) / 4 = 4.5.
        Assert.Equal((5m, 2), (mean.MeanPoints, mean.Scored));
        Assert.Equal(5m / 8m, mean.Share);
    }
}
