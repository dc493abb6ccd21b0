using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Features.Administration;

/// <summary>
/// An adapter for the service-record pages, which still ask <see cref="Projects.ProjectsAdminService.InScopeAsync"/>
/// whether a manager may edit a project's limits: an administrator everything, a manager the projects they manage
/// (<see cref="Project.Managers"/>). The administration pages ask the <see cref="Actor"/> instead
/// (<see cref="Actor.Administers"/>); remove this when the service-record pages do too.
/// </summary>
public sealed record AdminScope(bool IsAdmin, int? PersonId)
{
    /// <summary>A manager known as <paramref name="personId"/> (null: a manager with no person record, who manages nothing).</summary>
    public static AdminScope Manager(int? personId) => new(false, personId);

    /// <summary>The scope of an actor: an administrator's, or a manager's known by their person record.</summary>
    public static AdminScope For(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.IsAdmin, actor.PersonId);
    }

    /// <summary>The projects in scope.</summary>
    public IQueryable<Project> Projects(IQueryable<Project> projects) =>
        IsAdmin ? projects : projects.Where(p => p.Managers.Any(m => m.PersonId == PersonId));
}
