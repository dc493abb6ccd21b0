using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Reviews;

public sealed class ReviewIndexViewModel
{
    public required IReadOnlyList<ReviewListItem> ToReview { get; init; }

    public required Paged<ReviewListItem> History { get; init; }

    public string? Search { get; init; }

    public InspectionStatus? Status { get; init; }

    public bool Filtered => Search is not null || Status is not null;
}

public sealed class ReviewPageViewModel
{
    public required InspectionSheet Sheet { get; init; }

    public Dispute? Dispute { get; init; }

    public required DisputeForm Form { get; init; }

    public bool CanAct => Sheet.Status == InspectionStatus.Submitted;
}

/// <summary>The lead's dispute: one row per indicator; the selected rows need a reason.</summary>
public sealed class DisputeForm
{
    public int Id { get; set; }

    public Guid Stamp { get; set; }

    public List<DisputeItemInput> Items { get; set; } = [];
}

public sealed class DisputeItemInput
{
    public string Code { get; set; } = "";

    public bool Selected { get; set; }

    public string? Reason { get; set; }
}
