using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>One round and what the manager may do with it now.</summary>
public sealed record RoundDetailsViewModel(RoundDetails Round)
{
    public bool CanEdit => Round.Status == RoundStatus.Draft;

    public bool CanOpen => Round.Status == RoundStatus.Draft;

    public bool CanClose => Round.Status == RoundStatus.Open;

    public bool CanReassign(RoundInspectionSummary inspection) =>
        Round.Status == RoundStatus.Open && inspection.Status == InspectionStatus.Assigned;

    /// <summary>
    /// A submitted or confirmed inspection may be reopened to correct it; after the window closed, an unfinished one
    /// may be reopened so that it can still be submitted (late). A disputed one waits for arbitration.
    /// </summary>
    public bool CanReopen(RoundInspectionSummary inspection) => inspection.Status switch
    {
        InspectionStatus.Submitted or InspectionStatus.Confirmed => true,
        InspectionStatus.Assigned or InspectionStatus.InProgress => Round.Status == RoundStatus.Closed && inspection.ReopenReason is null,
        _ => false,
    };

    public int InspectionCount => Round.Teams.Sum(t => t.Slots.Count);
}

/// <summary>Posted by the reassign and reopen forms of the details page.</summary>
public sealed class InspectionActionInput
{
    public int InspectionId { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    public int? InspectorId { get; set; }

    public string? Reason { get; set; }
}
