namespace ServiceReview.Core.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which record, when, with the old and new value.
/// The DbContext refuses to update or delete audit entries.
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
}
