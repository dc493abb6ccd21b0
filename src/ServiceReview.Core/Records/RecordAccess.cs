using ServiceReview.Core.Audit;
using ServiceReview.Core.Inspections;

namespace ServiceReview.Core.Records;

/// <summary>
/// Who may see one inspection record (its page, its JSON, its files and its conversation), issue #14: the inspector
/// (their own, in any status); the team's lead once it has been submitted; managers and administrators (who see results
/// organisation-wide, ADR 0013 scopes administration only). Nobody else: other inspectors never see a colleague's record,
/// before or after the result. Everyone else gets 404, as if the record did not exist.
/// </summary>
public static class RecordAccess
{
    public static bool MaySee(this Actor actor, RecordFacts record)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        return actor.IsManager
            || (actor.PersonId is { } person && person == record.InspectorId)
            || (actor.Leads(record.TeamId) && IsSubmitted(record.Status));
    }

    /// <summary>Who may write in the record's conversation: whoever may see it (comments are about the record they see).</summary>
    public static bool MayComment(this Actor actor, RecordFacts record) => actor.PersonId is not null && actor.MaySee(record);

    /// <summary>The inspector attaches evidence to the record or an indicator while it is editable.</summary>
    public static bool MayAttachEvidence(this Actor actor, RecordFacts record) =>
        actor.PersonId is { } person && person == record.InspectorId && record.Status is InspectionStatus.Assigned or InspectionStatus.InProgress;

    private static bool IsSubmitted(InspectionStatus status) =>
        status is InspectionStatus.Submitted or InspectionStatus.Disputed or InspectionStatus.Confirmed;
}

/// <summary>What the access rule needs to know about a record.</summary>
public sealed record RecordFacts(int InspectionId, int InspectorId, int TeamId, int ProjectId, InspectionStatus Status);
