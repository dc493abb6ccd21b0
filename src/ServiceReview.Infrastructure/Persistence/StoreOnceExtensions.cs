using Microsoft.EntityFrameworkCore;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// Rows that several instances may mean to store at the same moment, and that a unique index lets only one store: a
/// reminder (recipient and key), a weekly digest (person and week), a round's stored results (round).
/// </summary>
public static class StoreOnceExtensions
{
    /// <summary>
    /// Stores each item's entities on its own (<see cref="StoreOnceAsync"/>): one that another instance stored first is
    /// skipped and told to <paramref name="refused"/>, the others are stored. Returns how many items were stored here.
    /// </summary>
    public static async Task<int> StoreEachOnceAsync<T>(
        this ServiceReviewDbContext db,
        IEnumerable<T> items,
        Func<T, IReadOnlyCollection<object>> entitiesOf,
        Action<T, DbUpdateException> refused,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(entitiesOf);
        ArgumentNullException.ThrowIfNull(refused);
        var stored = 0;
        foreach (var item in items)
        {
            if (await db.StoreOnceAsync(entitiesOf(item), ex => refused(item, ex), cancellationToken))
            {
                stored++;
            }
        }

        return stored;
    }

    /// <summary>
    /// Adds <paramref name="entities"/> and saves them (with whatever else is pending) in one SaveChanges. True when
    /// they were stored; false when the database refused the save — taken as the unique index saying another instance
    /// stored the same first (any <see cref="DbUpdateException"/>: the detection stays provider-neutral), told to
    /// <paramref name="refused"/> for the caller's log. Either way the entities are detached afterwards, so the context
    /// can go on to the next one without saving them again.
    /// </summary>
    public static async Task<bool> StoreOnceAsync(
        this ServiceReviewDbContext db, IReadOnlyCollection<object> entities, Action<DbUpdateException>? refused = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var entity in entities)
        {
            db.Add(entity);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex)
        {
            refused?.Invoke(ex);
            return false;
        }
        finally
        {
            foreach (var entity in entities)
            {
                db.Entry(entity).State = EntityState.Detached;
            }
        }
    }
}
