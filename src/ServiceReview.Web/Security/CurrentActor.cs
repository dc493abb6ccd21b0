using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Security;

/// <summary>The signed-in user as the domain sees them: account, name, person (if any), roles and scopes.</summary>
public interface ICurrentActor
{
    /// <summary>Resolved once per request.</summary>
    Task<Actor> GetAsync(CancellationToken cancellationToken = default);
}

internal sealed class CurrentActor(IHttpContextAccessor http, ServiceReviewDbContext db) : ICurrentActor
{
    private Actor? _actor;

    public async Task<Actor> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_actor is not null)
        {
            return _actor;
        }

        var user = http.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return _actor = Actor.System;
        }

        // One round trip (UNION ALL of indexed lookups by the account): the person (kind 3, with the name), the projects
        // they manage (0), the teams they lead (1), the projects they may inspect (2). Every page asks for the actor.
        var mine = db.People.Where(p => p.UserId == userId);
        var rows = await mine.Select(p => new { Kind = 3, p.Id, Name = p.DisplayName })
            .Concat(db.Projects.Where(pr => pr.Managers.Any(m => mine.Any(p => p.Id == m.PersonId))).Select(pr => new { Kind = 0, pr.Id, Name = (string)null! }))
            .Concat(db.Teams.Where(t => mine.Any(p => p.Id == t.LeadId)).Select(t => new { Kind = 1, t.Id, Name = (string)null! }))
            .Concat(mine.SelectMany(p => p.InspectableProjects).Select(i => new { Kind = 2, Id = i.ProjectId, Name = (string)null! }))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var person = rows.Where(r => r.Kind == 3).Select(r => new { r.Id, DisplayName = r.Name }).FirstOrDefault();
        var scopes = rows; // all keyed by the person: none without one
        return _actor = new Actor(userId, person?.DisplayName ?? user!.Identity?.Name ?? userId, person?.Id)
        {
            Roles = Roles.All.Where(user!.IsInRole).ToHashSet(StringComparer.Ordinal),
            ManagedProjectIds = scopes.Where(s => s.Kind == 0).Select(s => s.Id).ToHashSet(),
            LedTeamIds = scopes.Where(s => s.Kind == 1).Select(s => s.Id).ToHashSet(),
            InspectableProjectIds = scopes.Where(s => s.Kind == 2).Select(s => s.Id).ToHashSet(),
        };
    }
}
