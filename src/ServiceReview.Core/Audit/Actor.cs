namespace ServiceReview.Core.Audit;

/// <summary>
/// Who is acting: the sign-in account (<see cref="UserId"/>), the name shown in the audit log, the domain
/// <c>Person</c> behind the account when there is one (inspectors, leads and managers have one), and the account's
/// roles and scopes: the projects they manage, the teams they lead, the projects they may inspect. Role and scope
/// questions are asked of the actor, not of the web's user principal (issue #16: one actor).
/// </summary>
public sealed record Actor(string? UserId, string Name, int? PersonId)
{
    /// <summary>The system itself (seeding, background jobs).</summary>
    public static readonly Actor System = new(null, "system", null);

    /// <summary>The account's roles (<see cref="Security.Roles"/>); empty for the system.</summary>
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);

    /// <summary>A manager or an administrator: who may see and run rounds, results and exports organisation-wide.</summary>
    public bool IsManager => IsAdmin || Roles.Contains(Security.Roles.Manager);

    public bool IsInspector => Roles.Contains(Security.Roles.Inspector);

    public bool IsTeamLead => Roles.Contains(Security.Roles.TeamLead);

    /// <summary>The projects whose managers include this person (ADR 0013).</summary>
    public IReadOnlySet<int> ManagedProjectIds { get; init; } = new HashSet<int>();

    /// <summary>The teams this person leads.</summary>
    public IReadOnlySet<int> LedTeamIds { get; init; } = new HashSet<int>();

    /// <summary>The projects an inspector is limited to; empty: any project (<c>Person.InspectableProjects</c>).</summary>
    public IReadOnlySet<int> InspectableProjectIds { get; init; } = new HashSet<int>();

    /// <summary>An administrator administers every project; a manager the projects they manage.</summary>
    public bool Administers(int projectId) => IsAdmin || (IsManager && ManagedProjectIds.Contains(projectId));

    /// <summary>True when the person leads the team.</summary>
    public bool Leads(int teamId) => LedTeamIds.Contains(teamId);

    /// <summary>An inspector may inspect a project's teams unless limited to other projects.</summary>
    public bool MayInspect(int projectId) =>
        IsInspector && (InspectableProjectIds.Count == 0 || InspectableProjectIds.Contains(projectId));
}
