using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Administration.Teams;

/// <summary>
/// Teams (服务组): project, name, lead and members. A lead with a sign-in account gets the TeamLead role, so that the
/// review pages open for them; the role stays when they stop leading (they may lead elsewhere; an administrator
/// removes it on the person page).
/// </summary>
public sealed class TeamsAdminService(ServiceReviewDbContext db, TimeProvider clock)
{
    public const string EntityType = nameof(Team);

    /// <summary>The teams of the projects the actor administers, searched by team, project or customer, optionally of one project, a page at a time.</summary>
    public Task<Paged<TeamListItem>> ListAsync(Actor actor, string? search, int? projectId, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var managed = actor.IsManager ? actor.ManagedProjectIds.ToList() : [];
        var projects = actor.IsAdmin ? db.Projects : db.Projects.Where(p => managed.Contains(p.Id));
        var query = from t in db.Teams.AsNoTracking()
                    join p in projects on t.ProjectId equals p.Id
                    join l in db.People on t.LeadId equals l.Id into leads
                    from lead in leads.DefaultIfEmpty()
                    select new { t, p, lead };
        if (projectId is { } pid)
        {
            query = query.Where(x => x.p.Id == pid);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower(CultureInfo.InvariantCulture);
#pragma warning disable CA1304, CA1311, CA1862 // In a query EF translates ToLower() to SQL LOWER(); the culture and StringComparison overloads do not translate.
            query = query.Where(x => x.t.Name.ToLower().Contains(term) || x.p.Name.ToLower().Contains(term) || x.p.Customer.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return query.OrderBy(x => x.p.Name).ThenBy(x => x.t.Name).ThenBy(x => x.t.Id)
            .Select(x => new TeamListItem(x.t.Id, x.t.Name, x.p.Id, x.p.Name, x.p.Customer, x.lead == null ? null : x.lead.DisplayName, x.t.Members.Count))
            .ToPagedAsync(request, cancellationToken);
    }

    /// <summary>A team for its form: not found, or forbidden when the actor does not administer its project.</summary>
    public async Task<Outcome<TeamDetails>> GetAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return Outcome.NotFound();
        }

        return actor.Administers(team.ProjectId)
            ? new TeamDetails(team.Id, new TeamInput(team.ProjectId, team.Name, team.LeadId, team.Members.Select(m => m.PersonId).ToList()), team.ConcurrencyStamp)
            : Outcome.Forbidden();
    }

    /// <summary>Creates a team in a project the actor administers (a manager: one of their projects) and answers its id.</summary>
    public Task<Outcome<int>> CreateAsync(TeamInput input, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(() => AddAsync(input, actor, cancellationToken));

    /// <summary>Saves a team edited from a form built on <paramref name="stamp"/>; its project does not change.</summary>
    public Task<Outcome> UpdateAsync(int id, Guid stamp, TeamInput input, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(() => SaveAsync(id, stamp, input, actor, cancellationToken));

    private async Task<Outcome<int>> AddAsync(TeamInput input, Actor actor, CancellationToken cancellationToken)
    {
        if (!await AdministersAsync(actor, input.ProjectId, cancellationToken))
        {
            return Outcome.Forbidden();
        }

        var errors = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var team = new Team(input.ProjectId, input.Name);
        Apply(team, input);
        db.Teams.Add(team);
        await GiveLeadRoleAsync(input.LeadId, cancellationToken);
        await db.SaveNewWithAuditAsync(() => db.Audit(actor, Now, EntityType, team.Id, "Created", null, Describe(team)), cancellationToken);
        return team.Id;
    }

    private async Task<Outcome> SaveAsync(int id, Guid stamp, TeamInput input, Actor actor, CancellationToken cancellationToken)
    {
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return Outcome.NotFound();
        }

        if (!await AdministersAsync(actor, team.ProjectId, cancellationToken))
        {
            return Outcome.Forbidden();
        }

        input = input with { ProjectId = team.ProjectId };
        var errors = await ValidateAsync(input, id, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        AdminStamp.Expect(db, team, stamp);
        var before = Describe(team);
        team.Rename(input.Name);
        Apply(team, input);
        await GiveLeadRoleAsync(input.LeadId, cancellationToken);
        db.Audit(actor, Now, EntityType, id, "Updated", before, Describe(team));
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>
    /// True when the actor administers the project, or when there is no such project: that is the form's problem
    /// (<see cref="ValidateAsync"/> says so), while a project outside the actor's is refused.
    /// </summary>
    private async Task<bool> AdministersAsync(Actor actor, int projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Administers(projectId) || !await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken);
    }

    private static void Apply(Team team, TeamInput input)
    {
        team.SetLead(input.LeadId);
        var wanted = input.MemberIds.Distinct().ToHashSet();
        foreach (var gone in team.Members.Select(m => m.PersonId).Where(p => !wanted.Contains(p)).ToList())
        {
            team.RemoveMember(gone);
        }

        foreach (var person in wanted)
        {
            team.AddMember(person);
        }
    }

    /// <summary>Adds the TeamLead role to the lead's account (saved with the caller's next SaveChanges).</summary>
    internal async Task GiveLeadRoleAsync(int? leadId, CancellationToken cancellationToken)
    {
        if (leadId is null)
        {
            return;
        }

        var userId = await db.People.Where(p => p.Id == leadId).Select(p => p.UserId).FirstOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return;
        }

        var roleId = await db.Roles.Where(r => r.Name == Roles.TeamLead).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (roleId is null)
        {
            var role = new IdentityRole(Roles.TeamLead) { NormalizedName = Roles.TeamLead.ToUpperInvariant() };
            db.Roles.Add(role);
            roleId = role.Id;
        }

        if (!await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId, cancellationToken)
            && !db.UserRoles.Local.Any(ur => ur.UserId == userId && ur.RoleId == roleId))
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
        }
    }

    private async Task<List<OutcomeError>> ValidateAsync(TeamInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<OutcomeError>();
        var name = input.Name?.Trim() ?? "";
        if (!await db.Projects.AnyAsync(p => p.Id == input.ProjectId, cancellationToken))
        {
            errors.Add(OutcomeError.Of(nameof(TeamInput.ProjectId), "Admin.Teams.ProjectRequired"));
        }

        if (name.Length == 0)
        {
            errors.Add(OutcomeError.Of(nameof(TeamInput.Name), "Admin.Teams.NameRequired"));
        }
        else if (await db.Teams.AnyAsync(t => t.Id != id && t.ProjectId == input.ProjectId && t.Name == name, cancellationToken))
        {
            errors.Add(OutcomeError.Of(nameof(TeamInput.Name), "Admin.Teams.NameTaken", name));
        }

        var ids = input.MemberIds.Append(input.LeadId ?? 0).Where(i => i != 0).Distinct().ToList();
        var known = await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.IsActive }).ToListAsync(cancellationToken);
        if (input.LeadId is { } lead && known.All(k => k.Id != lead))
        {
            errors.Add(OutcomeError.Of(nameof(TeamInput.LeadId), "Admin.Teams.UnknownPerson"));
        }

        if (input.MemberIds.Any(m => known.All(k => k.Id != m)))
        {
            errors.Add(OutcomeError.Of(nameof(TeamInput.MemberIds), "Admin.Teams.UnknownPerson"));
        }

        return errors;
    }

    private static string Describe(Team t) =>
        string.Create(CultureInfo.InvariantCulture,
            $"project={t.ProjectId}; name={t.Name}; lead={t.LeadId}; members={string.Join(',', t.Members.Select(m => m.PersonId).Order())}");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
