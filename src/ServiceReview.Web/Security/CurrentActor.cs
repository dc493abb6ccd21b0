using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Security;

/// <summary>The signed-in user as the domain sees them: account id, display name, and their Person (if any).</summary>
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
        return _actor = new Actor(userId, person?.DisplayName ?? user!.Identity?.Name ?? userId, person?.Id)
        {
            Roles = Roles.All.Where(user!.IsInRole).ToHashSet(StringComparer.Ordinal),
        };
    }
}
