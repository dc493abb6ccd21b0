namespace ServiceReview.Core.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which record, when, with the old and new value.
/// The DbContext refuses to update or delete audit entries, and links each new entry into a hash chain
/// (<see cref="AuditChain"/>) so that an entry changed or removed in the database afterwards is detected.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(DateTime atUtc, string? actorUserId, string actorName, string entityType, string entityId, string action, string? oldValue = null, string? newValue = null)
    {
        At = atUtc;
        ActorUserId = actorUserId;
        ActorName = actorName;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        OldValue = oldValue;
        NewValue = newValue;
    }

    public long Id { get; private set; }

    public DateTime At { get; private set; }

    public string? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary>e.g. "Inspection", "Round", "CorrectiveAction".</summary>
    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    /// <summary>e.g. "Submitted", "Confirmed", "Arbitrated", "ScoreChanged".</summary>
    public string Action { get; private set; } = "";

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    /// <summary>The entry's place in the hash chain: 1, 2, 3, ... with no gaps; null until it is saved.</summary>
    public long? Sequence { get; private set; }

    /// <summary>The <see cref="Hash"/> of the entry before it in the chain (<see cref="AuditChain.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>SHA-256 over the entry's content, its sequence and the previous hash (lower-case hex).</summary>
    public string? Hash { get; private set; }

    /// <summary>
    /// Links the entry after the chain's last entry. The time is cut to whole microseconds first, the finest that every
    /// database provider stores, so that the hash is computed over exactly what is stored.
    /// </summary>
    public void LinkAfter(long previousSequence, string previousHash)
    {
        At = AuditChain.ToStoredPrecision(At);
        Sequence = previousSequence + 1;
        PreviousHash = previousHash;
        Hash = AuditChain.ComputeHash(this, Sequence.Value, previousHash);
    }
}
