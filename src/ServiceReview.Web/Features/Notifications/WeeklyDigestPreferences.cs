using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Notifications;

/// <summary>A manager's or a lead's own choice of the weekly digest e-mail (on the notification settings page).</summary>
public sealed class WeeklyDigestPreferences(ServiceReviewDbContext db, TimeProvider clock)
{
    /// <summary>Who may ask for the digest: managers (and administrators) and leads of a team.</summary>
    public static bool MayHave(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.PersonId is not null && (actor.IsManager || actor.LedTeamIds.Count > 0);
    }

    public sealed record Preference(bool WeeklyDigest, DateOnly? LastWeekSent);

    public async Task<Preference> GetAsync(int personId, CancellationToken cancellationToken = default)
    {
        var on = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.WeeklyDigest).FirstOrDefaultAsync(cancellationToken);
        var last = await db.DigestDeliveries.AsNoTracking().Where(d => d.PersonId == personId)
            .OrderByDescending(d => d.WeekStart).Select(d => (DateOnly?)d.WeekStart).FirstOrDefaultAsync(cancellationToken);
        return new Preference(on, last);
    }

    /// <summary>Sets the actor's own choice, in the language of the page (an audit entry when it changes).</summary>
    public async Task SetAsync(Actor actor, bool receive, string culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayHave(actor) || await db.People.FirstOrDefaultAsync(p => p.Id == actor.PersonId, cancellationToken) is not { } person)
        {
            return;
        }

        var old = person.WeeklyDigest;
        person.ChooseWeeklyDigest(receive, culture);
        if (old != receive)
        {
            db.Audit(actor, clock.GetUtcNow().UtcDateTime, "Person", person.Id, "WeeklyDigest", old.ToString(), receive.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
