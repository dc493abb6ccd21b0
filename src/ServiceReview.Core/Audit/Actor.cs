namespace ServiceReview.Core.Audit;

/// <summary>
/// Who is acting: the sign-in account (<see cref="UserId"/>), the name shown in the audit log, and the domain
/// <c>Person</c> behind the account when there is one (inspectors, leads and managers have one).
/// </summary>
public sealed record Actor(string? UserId, string Name, int? PersonId)
{
    /// <summary>The system itself (seeding, background jobs).</summary>
    public static readonly Actor System = new(null, "system", null);
}
