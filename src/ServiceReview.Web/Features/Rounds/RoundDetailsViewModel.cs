using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>One round and what the manager may do with it now.</summary>
public sealed record RoundDetailsViewModel(RoundDetails Round, string? Search, RoundTeamSort Sort)
{
    public bool Filtered => Search is not null;

    /// <summary>The reminder is offered while some inspection of the round is overdue.</summary>
    public bool CanRemindLate => Round.Totals.Overdue > 0;

    /// <summary>Rows may be ticked for the reassign page while the round is open.</summary>
    public bool CanSelect => Round.Status == RoundStatus.Open;

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

    /// <summary>Still to do after the window closed (<see cref="RoundQueries.Overdue"/>, read with the page).</summary>
    public bool IsOverdue(RoundInspectionSummary inspection) => inspection.Overdue;
}

/// <summary>Posted by the reassign and reopen forms of the details page.</summary>
public sealed class InspectionActionInput
{
    public int InspectionId { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    public int? InspectorId { get; set; }

    public string? Reason { get; set; }
}

/// <summary>Posted by the reassign page: the inspections (with the stamps the page was built from) and the inspector chosen.</summary>
public sealed class ReassignSeveralInput
{
    public List<ReassignItemInput> Items { get; set; } = [];

    public int? InspectorId { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ReassignItemInput
{
    public int InspectionId { get; set; }

    public Guid ConcurrencyStamp { get; set; }
}

/// <summary>The reassign page: the choice, the refusals of the last attempt (field: the inspection's id), and the way back.</summary>
public sealed record ReassignViewModel(ReassignChoice Choice, IReadOnlyList<(string Field, string Message)> Refused, string BackUrl)
{
    public IReadOnlyList<ReassignInspection> Movable => [.. Choice.Inspections.Where(i => i.CanReassign)];

    public IReadOnlyList<ReassignInspection> Unmovable => [.. Choice.Inspections.Where(i => !i.CanReassign)];

    /// <summary>Two chosen inspections of one team: no inspector may take both.</summary>
    public IReadOnlyList<string> TeamsChosenTwice => [.. Movable.GroupBy(i => i.TeamId).Where(g => g.Count() > 1).Select(g => g.First().TeamName)];

    public string? RefusalOf(int inspectionId) =>
        Refused.Where(r => r.Field == inspectionId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => r.Message).FirstOrDefault();

    public IEnumerable<string> GeneralRefusals => Refused.Where(r => r.Field.Length == 0).Select(r => r.Message);
}
