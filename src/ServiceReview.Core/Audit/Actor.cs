namespace ServiceReview.Core.Audit;

/// <summary>
/// Who is acting: the sign-in account (<see cref="UserId"/>), the name shown in the audit log, the domain
/// <c>Person</c> behind the account when there is one (inspectors, leads and managers have one), and the account's
/// roles. Role questions are asked of the actor, not of the web's user principal (issue #16: one actor).
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
}
