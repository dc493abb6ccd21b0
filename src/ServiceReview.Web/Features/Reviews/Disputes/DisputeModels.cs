using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Reviews.Disputes;

public sealed class DisputeIndexViewModel
{
    public required IReadOnlyList<DisputeListItem> Open { get; init; }

    public required Paged<DisputeListItem> Ruled { get; init; }

    public string? Search { get; init; }
}

public sealed class ArbitratePageViewModel
{
    public required DisputeDetail Detail { get; init; }

    public required ArbitrateForm Form { get; init; }

    public InspectionSheet Sheet => Detail.Sheet;

    public bool CanAct => Detail.Status == DisputeStatus.Open && Sheet.Status == InspectionStatus.Disputed;
}

/// <summary>The manager's ruling: for each disputed indicator, uphold or change the input, with a written ruling.</summary>
public sealed class ArbitrateForm
{
    public int Id { get; set; }

    public Guid Stamp { get; set; }

    public List<ArbitrateItemInput> Items { get; set; } = [];
}

public sealed class ArbitrateItemInput
{
    public string Code { get; set; } = "";

    public DisputeOutcome Outcome { get; set; } = DisputeOutcome.Upheld;

    public string? Ruling { get; set; }

    /// <summary>Bands.</summary>
    public decimal? Value { get; set; }

    /// <summary>Deduction.</summary>
    public int? Count { get; set; }

    /// <summary>Check: "true" or "false".</summary>
    public string? Pass { get; set; }

    /// <summary>Rating: the level's label.</summary>
    public string? Level { get; set; }

    public bool NotApplicable { get; set; }

    public string? Note { get; set; }
}
