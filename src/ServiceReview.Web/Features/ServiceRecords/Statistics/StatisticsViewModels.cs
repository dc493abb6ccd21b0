namespace ServiceReview.Web.Features.ServiceRecords.Statistics;

/// <summary>The filter of the statistics page (query string); empty dates mean the last three full months.</summary>
public sealed class StatisticsFilter
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? ProjectId { get; set; }

    public int? TeamId { get; set; }

    public StatisticsBucket Bucket { get; set; } = StatisticsBucket.Week;
}

/// <summary>A project the user may filter by.</summary>
public sealed record ProjectOption(int Id, string Name);

/// <summary>The statistics page: the filter as applied, the teams counted and the report (null when no team is visible).</summary>
public sealed record StatisticsViewModel(
    StatisticsFilter Filter,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<ProjectOption> Projects,
    IReadOnlyList<TeamHeading> Teams,
    IReadOnlyList<TeamHeading> Counted,
    StatisticsReport? Report);
