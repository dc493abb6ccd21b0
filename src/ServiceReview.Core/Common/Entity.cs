namespace ServiceReview.Core.Common;

/// <summary>Base of every persisted entity: an identity assigned by the database.</summary>
public abstract class Entity
{
    public int Id { get; protected set; }
}

/// <summary>
/// An entity two people may edit at once. <see cref="ConcurrencyStamp"/> is renewed on every save by the
/// DbContext and checked by it, so the second writer gets a conflict instead of overwriting silently
/// (SQLite ignores rowversion, so the token is managed by the application: see docs/decisions).
/// </summary>
public interface IConcurrencyStamped
{
    Guid ConcurrencyStamp { get; set; }
}
