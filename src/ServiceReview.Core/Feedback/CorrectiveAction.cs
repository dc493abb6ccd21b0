using ServiceReview.Core.Common;

namespace ServiceReview.Core.Feedback;

public enum CorrectiveActionStatus
{
    /// <summary>Raised; the owner is to fix it.</summary>
    Open,

    /// <summary>The team reported it fixed; an inspector is to verify.</summary>
    Done,

    /// <summary>Verified as fixed (核实).</summary>
    Verified,

    /// <summary>Not fixed after all; back to the team.</summary>
    SentBack,
}

/// <summary>A corrective action (整改) on a weak indicator: raised, reported done by the team, verified or sent back.</summary>
public sealed class CorrectiveAction : Entity, IConcurrencyStamped
{
    private CorrectiveAction()
    {
    }

    public CorrectiveAction(int roundId, int teamId, string? indicatorCode, string description, int ownerId, DateOnly dueDate, int raisedById, DateTime utcNow, int? inspectionId = null)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new DomainException("Action.DescriptionRequired", "Describe what must be corrected.");
        }

        RoundId = roundId;
        TeamId = teamId;
        InspectionId = inspectionId;
        IndicatorCode = indicatorCode;
        Description = description.Trim();
        OwnerId = ownerId;
        DueDate = dueDate;
        RaisedById = raisedById;
        RaisedAt = utcNow;
        Status = CorrectiveActionStatus.Open;
    }

    public int RoundId { get; private set; }

    public int TeamId { get; private set; }

    public int? InspectionId { get; private set; }

    public string? IndicatorCode { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>The team member who must fix it.</summary>
    public int OwnerId { get; private set; }

    public DateOnly DueDate { get; private set; }

    public int RaisedById { get; private set; }

    public DateTime RaisedAt { get; private set; }

    public CorrectiveActionStatus Status { get; private set; }

    public string? DoneReport { get; private set; }

    public DateTime? DoneAt { get; private set; }

    public int? VerifiedById { get; private set; }

    public DateTime? VerifiedAt { get; private set; }

    public string? VerificationNote { get; private set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Not yet verified and past its due date (in the project's calendar day <paramref name="today"/>).</summary>
    public bool IsOverdue(DateOnly today) => Status != CorrectiveActionStatus.Verified && today > DueDate;

    public void ReportDone(string report, DateTime utcNow)
    {
        if (Status is not (CorrectiveActionStatus.Open or CorrectiveActionStatus.SentBack))
        {
            throw new DomainException("Action.NotOpen", "Only an open or sent-back action can be reported done.");
        }

        if (string.IsNullOrWhiteSpace(report))
        {
            throw new DomainException("Action.ReportRequired", "Describe what was done.");
        }

        DoneReport = report.Trim();
        DoneAt = utcNow;
        Status = CorrectiveActionStatus.Done;
    }

    public void Verify(int verifierId, string? note, DateTime utcNow)
    {
        EnsureDone();
        VerifiedById = verifierId;
        VerifiedAt = utcNow;
        VerificationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Status = CorrectiveActionStatus.Verified;
    }

    public void SendBack(int verifierId, string note, DateTime utcNow)
    {
        EnsureDone();
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("Action.SendBackReasonRequired", "Say why the action is sent back.");
        }

        VerifiedById = verifierId;
        VerifiedAt = utcNow;
        VerificationNote = note.Trim();
        Status = CorrectiveActionStatus.SentBack;
    }

    private void EnsureDone()
    {
        if (Status != CorrectiveActionStatus.Done)
        {
            throw new DomainException("Action.NotDone", "Only an action reported done can be verified or sent back.");
        }
    }
}
