using ServiceReview.Web.Features.Dashboards;


namespace ServiceReview.Web.Features.Exports;

public sealed class HistoryViewModel
{
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int? ProjectId { get; init; }

    public required IReadOnlyList<Option> Projects { get; init; }

    public int Rounds { get; init; }

    public int Inspections { get; init; }

    public int IndicatorRows { get; init; }
}
