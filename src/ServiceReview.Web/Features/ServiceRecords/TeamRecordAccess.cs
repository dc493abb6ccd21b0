using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>What a user may do with a team's service records.</summary>
public enum RecordAccess
{
    /// <summary>The team does not exist (404).</summary>
    NotFound,

    /// <summary>The team exists but is not the user's (403).</summary>
    Forbidden,

    /// <summary>May list records and see figures: an inspector assigned to the team in some round.</summary>
    Read,

    /// <summary>May also add, edit and import: the team's lead, a manager, an administrator.</summary>
    Edit,
}

/// <summary>A team as the service-record pages show it.</summary>
public sealed record TeamHeading(int Id, string Name, int ProjectId, string Project);

/// <summary>
/// The ownership rule of the service-record pages and endpoints: managers and administrators see every team; a team
/// lead sees and edits the team they lead; an inspector reads the records of a team they are assigned to inspect.
/// </summary>
public sealed class TeamRecordAccess(ServiceReviewDbContext db)
{
    public async Task<(RecordAccess Access, TeamHeading? Team)> CheckAsync(int teamId, Actor actor, bool isManagerOrAdmin, CancellationToken cancellationToken)
    {
        var team = await Headings(db.Teams.Where(t => t.Id == teamId)).SingleOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return (RecordAccess.NotFound, null);
        }

        if (isManagerOrAdmin)
        {
            return (RecordAccess.Edit, team);
        }

        if (actor.PersonId is not { } personId)
        {
            return (RecordAccess.Forbidden, team);
        }

        if (await db.Teams.AnyAsync(t => t.Id == teamId && t.LeadId == personId, cancellationToken))
        {
            return (RecordAccess.Edit, team);
        }

        return await db.Inspections.AnyAsync(i => i.TeamId == teamId && i.InspectorId == personId, cancellationToken)
            ? (RecordAccess.Read, team)
            : (RecordAccess.Forbidden, team);
    }

    /// <summary>The teams whose records the user may see, by project and name.</summary>
    public async Task<List<TeamHeading>> TeamsForAsync(Actor actor, bool isManagerOrAdmin, CancellationToken cancellationToken)
    {
        var teams = db.Teams.AsQueryable();
        if (!isManagerOrAdmin)
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
