using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Features.Administration;

/// <summary>
/// A problem an administrator can fix, as a resource key (<c>Admin.*</c>) and its arguments for the UI to translate;
/// <see cref="Field"/> names the form field it belongs to ("" for the whole form).
/// </summary>
public sealed record AdminError(string Field, string Key, params object[] Arguments);

/// <summary>The outcome of an administrative change: the id of the record, or the problems that stopped it.</summary>
public sealed record AdminResult(int Id, IReadOnlyList<AdminError> Errors, string? OneTimePassword = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static AdminResult Fail(params AdminError[] errors) => new(0, errors);
}

/// <summary>Thrown when the id in a request names no record: the controller answers 404.</summary>
public sealed class AdminRecordNotFoundException(string entity, int id)
    : Exception($"No {entity} with id {id}.");

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

public sealed record TeamDetails(int Id, TeamInput Input, Guid Stamp)
{
    /// <summary>The managers of the team's project: the scope check needs them.</summary>
    public IReadOnlyList<int> ProjectManagerIds { get; init; } = [];
}

public sealed record PersonOption(int Id, string DisplayName, string Email, bool IsActive);

public sealed record ProjectOption(int Id, string Name, string Customer);
