using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;

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
public sealed record RoundListQuery(string? Search, RoundStatus? Status, ServiceReview.Infrastructure.Common.PageRequest Request);

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
    IReadOnlyList<RoundDetailsTeam> Teams)
{
    public bool CanBeDeleted => Status == RoundStatus.Draft;
}

public sealed record RoundDetailsTeam(int TeamId, string Name, string ProjectName, string? LeadName, IReadOnlyList<RoundDetailsSlot> Slots, IReadOnlyList<InspectorOption> ReassignCandidates);

/// <summary>One inspector of a team: the inspection once the round is open, null while it is a draft.</summary>
public sealed record RoundDetailsSlot(int InspectorId, string InspectorName, RoundInspectionSummary? Inspection);

public sealed record RoundInspectionSummary(
    int Id,
    InspectionStatus Status,
    int TimeSpentSeconds,
    DateTime? SubmittedAt,
    bool IsLate,
    string? ReopenReason,
    Guid ConcurrencyStamp);

/// <summary>The round as the edit form shows it; only a <see cref="RoundStatus.Draft"/> may be edited.</summary>
public sealed record RoundDraft(int Id, RoundStatus Status, Guid ConcurrencyStamp, RoundDraftInput Input);

public sealed record RoundSummary(int Id, string Name, int PlanVersionId, RoundStatus Status, AggregationMethod Aggregation);

public sealed record TeamSummary(int Id, string Name, string Project, string? LeadEmail);
