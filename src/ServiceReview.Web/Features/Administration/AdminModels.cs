using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Features.Administration;

/// <summary>A saved person: their id, and the one-time password of an account the save created (shown once, never stored).</summary>
public sealed record PersonSaved(int Id, string? OneTimePassword);

public sealed record PersonListItem(
    int Id,
    string DisplayName,
    string Email,
    bool HasAccount,
    IReadOnlyList<string> Roles,
    bool IsActive,
    InspectorType? InspectorType,
    int? YearsOfExperience)
{
    /// <summary>How many projects the inspector is limited to (0: any project).</summary>
    public int ProjectLimitCount { get; init; }
}

/// <summary>What the person form says about a person. <see cref="Password"/> null: generate a one-time password.</summary>
public sealed record PersonInput(
    string DisplayName,
    string Email,
    IReadOnlyList<string> Roles,
    InspectorType? InspectorType,
    int? YearsOfExperience,
    bool HasAccount,
    string? Password = null)
{
    /// <summary>The projects an inspector may inspect; empty: any project.</summary>
    public IReadOnlyList<int> InspectableProjectIds { get; init; } = [];
}

public sealed record PersonDetails(
    int Id,
    PersonInput Input,
    bool IsActive,
    bool AccountDisabled,
    bool MustChangePassword,
    Guid Stamp,
    IReadOnlyList<string> Teams);

public sealed record ProjectInput(
    string Name,
    string Customer,
    DateOnly? ContractStart,
    DateOnly? ContractEnd,
    decimal FirstResponseHours,
    decimal ResolutionHours,
    decimal ArchiveHours,
    string TimeZoneId)
{
    /// <summary>The people who manage the project (set by an administrator; a manager's save leaves them as they are).</summary>
    public IReadOnlyList<int> ManagerIds { get; init; } = [];
}

public sealed record ProjectListItem(int Id, string Name, string Customer, DateOnly? ContractStart, DateOnly? ContractEnd, ServiceLimits Limits, bool HasCalendar, string TimeZoneId, int TeamCount)
{
    public IReadOnlyList<string> Managers { get; init; } = [];
}

public sealed record ProjectDetails(int Id, ProjectInput Input, bool HasCalendar, Guid Stamp);

public sealed record TeamInput(int ProjectId, string Name, int? LeadId, IReadOnlyList<int> MemberIds);

public sealed record TeamListItem(int Id, string Name, int ProjectId, string Project, string Customer, string? Lead, int MemberCount);

public sealed record TeamDetails(int Id, TeamInput Input, Guid Stamp);

public sealed record PersonOption(int Id, string DisplayName, string Email, bool IsActive);

public sealed record ProjectOption(int Id, string Name, string Customer);
