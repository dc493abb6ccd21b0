using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>The one way use cases write the audit log and save with a concurrency check.</summary>
public static class AuditAndConcurrencyExtensions
{
    /// <summary>
    /// Adds an audit entry to the context: it is written by the same SaveChanges, in the same transaction, as the
    /// change it describes.
    /// </summary>
    public static void Audit(this ServiceReviewDbContext db, Actor actor, DateTime atUtc, string entityType, object entityId, string action, string? oldValue = null, string? newValue = null) =>
        db.AuditLog.Add(new AuditEntry(atUtc, actor.UserId, actor.Name, entityType,
            Convert.ToString(entityId, CultureInfo.InvariantCulture) ?? "", action, oldValue, newValue));

    /// <summary>
    /// Declares the stamp the user's form was built from: if someone saved the entity since, the save will fail
    /// with a conflict instead of overwriting their work.
    /// </summary>
    public static void ExpectStamp<T>(this ServiceReviewDbContext db, T entity, Guid stampFromForm)
        where T : class, IConcurrencyStamped =>
        db.Entry(entity).Property(e => e.ConcurrencyStamp).OriginalValue = stampFromForm;

    /// <summary>
    /// Saves; a concurrency conflict becomes a <see cref="ConcurrencyConflictException"/> naming who last changed
    /// the record and when (from the audit log).
    /// </summary>
    public static async Task SaveOrConflictAsync(this ServiceReviewDbContext db, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var entity = ex.Entries.Select(e => e.Entity).OfType<Entity>().FirstOrDefault();
            AuditEntry? last = null;
            if (entity is not null)
            {
                var type = entity.GetType().Name;
                var id = entity.Id.ToString(CultureInfo.InvariantCulture);
                db.ChangeTracker.Clear();
                last = await db.AuditLog.AsNoTracking()
                    .Where(a => a.EntityType == type && a.EntityId == id)
                    .OrderByDescending(a => a.Id)
                    .FirstOrDefaultAsync(cancellationToken);
            }

            throw new ConcurrencyConflictException(last?.ActorName, last?.At);
        }
    }
}
