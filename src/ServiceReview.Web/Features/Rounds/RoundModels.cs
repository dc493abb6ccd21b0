using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>What a manager entered for a draft round; times are UTC.</summary>
public sealed record RoundDraftInput(
    string Name,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int PlanVersionId,
    DateTime WindowOpensAtUtc,
    DateTime WindowClosesAtUtc,
    AggregationMethod Aggregation,
    IReadOnlyList<TeamAssignmentInput> Teams);

/// <summary>A team in the round's scope and the inspectors chosen for it.</summary>
public sealed record TeamAssignmentInput(int TeamId, IReadOnlyList<int> InspectorIds);

/// <summary>The round list's search, status filter and page.</summary>
public sealed record RoundListQuery(string? Search, RoundStatus? Status, PageRequest Request);

public sealed record RoundListItem(
    int Id,
    string Name,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string PlanName,
    int PlanNumber,
    RoundStatus Status,
    DateTime WindowOpensAt,
    DateTime WindowClosesAt,
    AggregationMethod Aggregation,
    IReadOnlyDictionary<InspectionStatus, int> InspectionCounts,
    int LateCount);

public sealed record PlanVersionOption(int Id, string Name, int Number);

/// <summary>An inspector who may inspect a team, with what the suggestion weighs: experience and workload.</summary>
public sealed record InspectorOption(int Id, string Name, string Email, InspectorType Type, int YearsOfExperience, int Workload)
{
    /// <summary>The projects the inspector may inspect; empty: any project.</summary>
    public IReadOnlyList<int> ProjectIds { get; init; } = [];

    public bool MayInspectProject(int projectId) => ProjectIds.Count == 0 || ProjectIds.Contains(projectId);
}

/// <summary>
/// A team that can be put in a round's scope, and its candidate inspectors best first: free of any conflict of interest
/// and allowed on the team's project by their inspector profile.
/// </summary>
public sealed record TeamOption(int TeamId, string Name, int ProjectId, string ProjectName, string? LeadName, IReadOnlyList<InspectorOption> Candidates)
{
    /// <summary>The inspectors not offered for this team, each with its reason (issue #17: none goes missing silently).</summary>
    public IReadOnlyList<ExcludedInspector> Excluded { get; init; } = [];
}

/// <summary>Why an inspector is not offered for a team: <see cref="Reason"/> is Lead, Member (conflict of interest) or Project (the inspector may not inspect the team's project).</summary>
public sealed record ExcludedInspector(int Id, string Name, string Reason);

public sealed record RoundFormOptions(IReadOnlyList<PlanVersionOption> Plans, IReadOnlyList<TeamOption> Teams);

/// <summary>
/// A round, its totals over all its teams, and one page of its teams (issue #15: the page does not grow with the
/// organisation; reassign candidates are read on demand, for the inspections chosen).
/// </summary>
public sealed record RoundDetails(
    int Id,
    string Name,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int PlanVersionId,
    string PlanName,
    int PlanNumber,
    RoundStatus Status,
    DateTime WindowOpensAt,
    DateTime WindowClosesAt,
    AggregationMethod Aggregation,
    DateTime? OpenedAt,
    DateTime? ClosedAt,
    Guid ConcurrencyStamp,
    RoundTotals Totals,
    Paged<RoundDetailsTeam> Teams)
{
    public bool CanBeDeleted => Status == RoundStatus.Draft;
}

/// <summary>
/// A round's figures over all its teams, whatever page is shown: <see cref="Late"/> counts inspections submitted after
/// the window (the list's 逾期提交), <see cref="Overdue"/> those still not submitted once the window has closed —
/// their inspectors are the ones "提醒逾期检查人" reminds.
/// </summary>
public sealed record RoundTotals(int Teams, int Inspections, IReadOnlyDictionary<InspectionStatus, int> ByStatus, int Late, int Overdue, int OverdueInspectors)
{
    /// <summary>Submitted, disputed or confirmed: the inspector's part is done.</summary>
    public int Submitted => ByStatus.Where(s => s.Key is InspectionStatus.Submitted or InspectionStatus.Disputed or InspectionStatus.Confirmed).Sum(s => s.Value);

    /// <summary>Done as a whole percentage of the inspections (0 when there are none).</summary>
    public int ProgressPercent => Inspections == 0 ? 0 : (int)Math.Floor(Submitted * 100m / Inspections);
}

/// <summary>How the teams of the details page are ordered: by project then team (default), by team, or by progress (most still to do first).</summary>
public enum RoundTeamSort
{
    Project,
    Team,
    Progress,
}

/// <summary>The details page's search (team, project, lead or inspector name), order and page, all from the query string.</summary>
public sealed record RoundDetailsQuery(string? Search, RoundTeamSort Sort, PageRequest Request)
{
    public static RoundDetailsQuery Default { get; } = new(null, RoundTeamSort.Project, PageRequest.Of(1));
}

public sealed record RoundDetailsTeam(int TeamId, string Name, string ProjectName, string? LeadName, IReadOnlyList<RoundDetailsSlot> Slots);

/// <summary>One inspector of a team: the inspection once the round is open, null while it is a draft.</summary>
public sealed record RoundDetailsSlot(int InspectorId, string InspectorName, RoundInspectionSummary? Inspection);

/// <summary>One inspection of the details page; <see cref="Overdue"/> as <see cref="RoundQueries.Overdue"/> finds it.</summary>
public sealed record RoundInspectionSummary(
    int Id,
    InspectionStatus Status,
    int TimeSpentSeconds,
    DateTime? SubmittedAt,
    bool IsLate,
    string? ReopenReason,
    Guid ConcurrencyStamp,
    bool Overdue);

/// <summary>The round as the edit form shows it; only a <see cref="RoundStatus.Draft"/> may be edited.</summary>
public sealed record RoundDraft(int Id, RoundStatus Status, Guid ConcurrencyStamp, RoundDraftInput Input);

public sealed record RoundSummary(int Id, string Name, int PlanVersionId, RoundStatus Status, AggregationMethod Aggregation);

public sealed record TeamSummary(int Id, string Name, string Project, string? LeadEmail);

/// <summary>
/// What the reassign page offers for the inspections chosen on the details page: those that may be reassigned, the
/// inspectors who may take every one of them (best first, as the round form suggests), and each inspector left out
/// with the reasons (issue #17: nobody goes missing silently).
/// </summary>
public sealed record ReassignChoice(
    int RoundId,
    string RoundName,
    RoundStatus RoundStatus,
    IReadOnlyList<ReassignInspection> Inspections,
    IReadOnlyList<InspectorOption> Candidates,
    IReadOnlyList<ReassignExcluded> Excluded);

/// <summary>One chosen inspection; <see cref="CanReassign"/> is false once it was started (only an unstarted one moves).</summary>
public sealed record ReassignInspection(int Id, int TeamId, string TeamName, string ProjectName, int InspectorId, string InspectorName, InspectionStatus Status, Guid ConcurrencyStamp)
{
    public bool CanReassign => Status == InspectionStatus.Assigned;
}

/// <summary>
/// An inspector not offered, and why, per team: <c>Lead</c> or <c>Member</c> (conflict of interest), <c>Project</c>
/// (may not inspect the team's project) or <c>Assigned</c> (already inspects that team in this round).
/// </summary>
public sealed record ReassignExcluded(int Id, string Name, IReadOnlyList<ReassignExclusion> Reasons);

public sealed record ReassignExclusion(string TeamName, string Reason);

/// <summary>One inspection to reassign, with the concurrency stamp the reassign page was built from.</summary>
public sealed record ReassignItem(int InspectionId, Guid ConcurrencyStamp);
