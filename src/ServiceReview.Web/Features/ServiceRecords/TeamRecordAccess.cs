using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>A team as the service-record pages show it.</summary>
public sealed record TeamHeading(int Id, string Name, int ProjectId, string Project);

/// <summary>A team whose records the actor may read, and whether they may also add, edit and import.</summary>
public sealed record TeamGrant(TeamHeading Team, bool MayEdit);

/// <summary>
/// The ownership rule of the service-record pages and endpoints, asked of the <see cref="Actor"/>: managers and
/// administrators see and edit every team; a team lead sees and edits the team they lead; an inspector reads the records
/// of a team they are assigned to inspect. An unknown team is not found; anyone else's team is forbidden.
/// </summary>
public sealed class TeamRecordAccess(ServiceReviewDbContext db)
{
    /// <summary>The team if the actor may read its records (with whether they may edit them); not found or forbidden.</summary>
    public async Task<Outcome<TeamGrant>> ReadAsync(int teamId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var team = await Headings(db.Teams.Where(t => t.Id == teamId)).SingleOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return Outcome.NotFound();
        }

        if (actor.IsManager || actor.Leads(teamId))
        {
            return new TeamGrant(team, MayEdit: true);
        }

        if (actor.PersonId is not { } personId)
        {
            return Outcome.Forbidden();
        }

        return await db.Inspections.AnyAsync(i => i.TeamId == teamId && i.InspectorId == personId, cancellationToken)
            ? new TeamGrant(team, MayEdit: false)
            : Outcome.Forbidden();
    }

    /// <summary>The team if the actor may add, edit and import its records; not found or forbidden.</summary>
    public async Task<Outcome<TeamHeading>> EditAsync(int teamId, Actor actor, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(teamId, actor, cancellationToken);
        if (!read.IsOk)
        {
            return read.WithoutValue();
        }

        return read.Value.MayEdit ? read.Value.Team : Outcome.Forbidden();
    }

    /// <summary>The teams whose records the actor may see, by project and name.</summary>
    public async Task<List<TeamHeading>> TeamsForAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var teams = db.Teams.AsQueryable();
        if (!actor.IsManager)
        {
            var personId = actor.PersonId ?? -1;
            teams = teams.Where(t => t.LeadId == personId || db.Inspections.Any(i => i.TeamId == t.Id && i.InspectorId == personId));
        }

        var list = await Headings(teams).ToListAsync(cancellationToken);
        return list.OrderBy(t => t.Project, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private IQueryable<TeamHeading> Headings(IQueryable<Core.Organisation.Team> teams) =>
        teams.AsNoTracking().Join(db.Projects.AsNoTracking(), t => t.ProjectId, p => p.Id, (t, p) => new TeamHeading(t.Id, t.Name, p.Id, p.Name));
}
