using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Features.Administration;

/// <summary>
/// Who is administering, and so what they may touch: an administrator everything; a manager only the projects they
/// manage (<see cref="Project.Managers"/>) and the teams of those projects. People, accounts and the creation of
/// projects stay with administrators (ADR 0013).
/// </summary>
public sealed record AdminScope(bool IsAdmin, int? PersonId)
{
    public static AdminScope Administrator { get; } = new(true, null);

    /// <summary>A manager known as <paramref name="personId"/> (null: a manager with no person record, who manages nothing).</summary>
    public static AdminScope Manager(int? personId) => new(false, personId);

    /// <summary>The projects in scope.</summary>
    public IQueryable<Project> Projects(IQueryable<Project> projects) =>
        IsAdmin ? projects : projects.Where(p => p.Managers.Any(m => m.PersonId == PersonId));

    /// <summary>True when a project with these managers is in scope.</summary>
    public bool Allows(IEnumerable<int> managerIds) => IsAdmin || (PersonId is { } me && managerIds.Contains(me));
}

/// <summary>Thrown when a manager asks for a project or team outside their projects: the controller answers 403 and nothing changes.</summary>
public sealed class AdminForbiddenException(string entity, int id)
    : Exception($"The {entity} {id} is outside the projects this manager manages.");

/// <summary>The stamp check of the administration forms.</summary>
internal static class AdminStamp
{
    /// <summary>
    /// Expects the stamp the form was built from and renews it, so that the save checks it even when only related rows
    /// (an account's roles) or nothing at all changed on the record itself.
    /// </summary>
    public static void Expect<T>(ServiceReview.Infrastructure.Persistence.ServiceReviewDbContext db, T entity, Guid stampFromForm)
        where T : class, ServiceReview.Core.Common.IConcurrencyStamped
    {
        ServiceReview.Infrastructure.Persistence.AuditAndConcurrencyExtensions.ExpectStamp(db, entity, stampFromForm);
        entity.ConcurrencyStamp = Guid.NewGuid();
    }
}
