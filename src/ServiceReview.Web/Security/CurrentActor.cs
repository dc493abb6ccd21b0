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

        var person = await db.People.AsNoTracking()
            .Where(p => p.UserId == userId)
            .Select(p => new { p.Id, p.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);

        // The person's scopes in one more query (UNION ALL of three indexed lookups): managed projects (0), led teams (1),
        // the projects they may inspect (2).
        var scopes = person is null ? [] : await db.Projects.Where(pr => pr.Managers.Any(m => m.PersonId == person.Id)).Select(pr => new { Kind = 0, pr.Id })
            .Concat(db.Teams.Where(t => t.LeadId == person.Id).Select(t => new { Kind = 1, t.Id }))
            .Concat(db.People.Where(p => p.Id == person.Id).SelectMany(p => p.InspectableProjects).Select(i => new { Kind = 2, Id = i.ProjectId }))
            .ToListAsync(cancellationToken);
        return _actor = new Actor(userId, person?.DisplayName ?? user!.Identity?.Name ?? userId, person?.Id)
        {
            Roles = Roles.All.Where(user!.IsInRole).ToHashSet(StringComparer.Ordinal),
            ManagedProjectIds = scopes.Where(s => s.Kind == 0).Select(s => s.Id).ToHashSet(),
            LedTeamIds = scopes.Where(s => s.Kind == 1).Select(s => s.Id).ToHashSet(),
            InspectableProjectIds = scopes.Where(s => s.Kind == 2).Select(s => s.Id).ToHashSet(),
        };
    }
}
