namespace ServiceReview.Core.Common;

/// <summary>
/// Someone else saved the same record since it was loaded. The UI says who and when, and asks to reload
/// (code <c>Concurrency.Conflict</c>; arguments: the other person's name and the time, both possibly unknown).
/// </summary>
public sealed class ConcurrencyConflictException : DomainException
{
    public ConcurrencyConflictException(string? changedBy, DateTime? changedAtUtc)
        : base("Concurrency.Conflict", "The record was changed by {0} at {1}; reload it and try again.", changedBy ?? "?", changedAtUtc)
    {
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
    }

    public string? ChangedBy { get; }

    public DateTime? ChangedAtUtc { get; }
}
