using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Reviews;

namespace ServiceReview.Web.Features.Records;

/// <summary>
/// Reads one inspection record (issue #14) for its page and its JSON: the sheet, its files, disputes and rulings,
/// corrective actions, comments and the timeline. A bounded number of queries whatever the record holds (no query per
/// row); access is the caller's business (<see cref="RecordAccess"/>).
/// </summary>
public static class RecordQueries
{
    /// <summary>The tag on every query of the record (in the SQL log, and how a test counts them).</summary>
    public const string Tag = "RecordQueries";

    public static async Task<RecordView?> LoadAsync(ServiceReviewDbContext db, PlanVersionCache plans, int inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plans);
        var inspection = await db.Inspections.AsNoTracking().TagWith(Tag)
            .Include(i => i.Entries)
            .Include(i => i.CategoryScores)
            .AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == inspectionId, cancellationToken);
        if (inspection is null)
        {
            return null;
        }

        var plan = await plans.GetAsync(db, inspection.PlanVersionId, cancellationToken);
        var context = await (
            from r in db.Rounds
            from t in db.Teams
            join p in db.Projects on t.ProjectId equals p.Id
            from inspector in db.People
            where r.Id == inspection.RoundId && t.Id == inspection.TeamId && inspector.Id == inspection.InspectorId
            select new { RoundName = r.Name, r.PeriodStart, r.PeriodEnd, r.OpenedAt, TeamName = t.Name, ProjectName = p.Name, t.LeadId, Inspector = inspector.DisplayName, InspectorEmail = inspector.Email })
            .AsNoTracking().TagWith(Tag)
            .FirstAsync(cancellationToken);
        var sheet = InspectionSheetLoader.Build(inspection, plan, context.RoundName, context.TeamName, context.ProjectName, context.LeadId, context.Inspector);

        var disputes = await db.Disputes.AsNoTracking().TagWith(Tag).Include(d => d.Items)
            .Where(d => d.InspectionId == inspectionId)
            .OrderBy(d => d.RaisedAt).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var attachments = await db.Attachments.AsNoTracking().TagWith(Tag)
            .Where(a => a.InspectionId == inspectionId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var comments = await db.Comments.AsNoTracking().TagWith(Tag)
            .Where(c => c.InspectionId == inspectionId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var actions = await db.CorrectiveActions.AsNoTracking().TagWith(Tag)
            .Where(a => a.InspectionId == inspectionId)
            .OrderBy(a => a.RaisedAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);

        var personIds = disputes.SelectMany(d => new[] { (int?)d.RaisedById, d.RuledById })
            .Concat(attachments.Select(a => (int?)a.UploadedById))
            .Concat(comments.Select(c => (int?)c.AuthorId))
            .Concat(actions.Select(a => (int?)a.OwnerId))
            .OfType<int>().Distinct().ToList();
        var names = await db.People.AsNoTracking().TagWith(Tag).Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        string Name(int? id) => id is { } v ? names.GetValueOrDefault(v, "") : "";

        // The other inspectors' totals for the same team and round, once this one is handed in (scores stay blind before).
        IReadOnlyList<OtherInspectorTotal> others = [];
        if (inspection.HasBeenSubmitted)
        {
            others = await (
                from o in db.Inspections.AsNoTracking().TagWith(Tag)
                where o.RoundId == inspection.RoundId && o.TeamId == inspection.TeamId && o.Id != inspection.Id
                      && (o.Status == InspectionStatus.Submitted || o.Status == InspectionStatus.Disputed || o.Status == InspectionStatus.Confirmed)
                join p in db.People on o.InspectorId equals p.Id
                orderby p.DisplayName
                select new OtherInspectorTotal(p.DisplayName, o.Status, o.Total, o.TotalBeforeVeto, o.Grade, o.VetoedBy)).ToListAsync(cancellationToken);
        }

        var audit = await AuditAsync(db, inspection, disputes, actions, cancellationToken);

        // The measured figures were taken when the form was first opened (the demo data: when the round opened).
        var measuredAsOf = audit.LastOrDefault(e => e.EntityType == InspectionService.AuditEntityType && e.Action == "MeasuredFiguresSet")?.At ?? context.OpenedAt;
        var files = attachments.Select(a => new RecordAttachment(
            a.Id, a.FileName, a.Size, a.ContentType, a.IsImage, a.To, a.IndicatorCode, a.DisputeId, a.CommentId, a.CorrectiveActionId,
            Name(a.UploadedById), a.UploadedAt)).ToList();
        var disputeItems = disputes.SelectMany(d => d.Items.Select(i => new RecordDisputeItem(
            d.Id, i.IndicatorCode, i.Reason, Name(d.RaisedById), d.RaisedAt, d.Status, i.Outcome, i.Original, i.Ruled, i.Ruling,
            d.RuledById is null ? null : Name(d.RuledById), d.RuledAt))).ToList();
        var recordActions = actions.Select(a => new RecordAction(
            a.Id, a.IndicatorCode, a.Description, a.Status, Name(a.OwnerId), a.DueDate, a.DoneAt, a.VerifiedAt)).ToList();
        var recordComments = comments.Select(c => new RecordComment(c.Id, Name(c.AuthorId), c.CreatedAt, c.EditedAt, c.IndicatorCode, c.Text)).ToList();
        var timeline = RecordTimeline.Build(audit, disputes, names, comments, attachments, actions);

        return new RecordView(
            sheet, context.InspectorEmail, plan.Name, plan.Number, context.PeriodStart, context.PeriodEnd, measuredAsOf, inspection.TimeSpentSeconds, inspection.IsEditable,
            MeasuredIndicators.Of(plan).ToDictionary(m => m.Value.Code, m => m.Key, StringComparer.Ordinal),
            files, disputeItems, recordActions, recordComments, timeline, others);
    }

    /// <summary>
    /// The audit entries about the record in one query: the inspection's own, its disputes', its corrective actions',
    /// and the round's opening (when the inspection was assigned).
    /// </summary>
    private static async Task<List<AuditRow>> AuditAsync(
        ServiceReviewDbContext db, Inspection inspection, IReadOnlyList<Dispute> disputes, IReadOnlyList<CorrectiveAction> actions, CancellationToken cancellationToken)
    {
        var inspectionId = inspection.Id.ToString(CultureInfo.InvariantCulture);
        var roundId = inspection.RoundId.ToString(CultureInfo.InvariantCulture);
        var disputeIds = disputes.Select(d => d.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var actionIds = actions.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        return await db.AuditLog.AsNoTracking().TagWith(Tag)
            .Where(e => (e.EntityType == InspectionService.AuditEntityType && e.EntityId == inspectionId)
                || (e.EntityType == nameof(Round) && e.EntityId == roundId && e.Action == "Opened")
                || (e.EntityType == nameof(Dispute) && disputeIds.Contains(e.EntityId))
                || (e.EntityType == nameof(CorrectiveAction) && actionIds.Contains(e.EntityId)))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new AuditRow(e.At, e.ActorName, e.EntityType, e.EntityId, e.Action, e.OldValue, e.NewValue))
            .ToListAsync(cancellationToken);
    }
}

internal sealed record AuditRow(DateTime At, string Actor, string EntityType, string EntityId, string Action, string? OldValue, string? NewValue);

/// <summary>One inspection record as its page and its JSON show it (issue #14).</summary>
public sealed record RecordView(
    InspectionSheet Sheet,
    string InspectorEmail,
    string PlanName,
    int PlanVersionNumber,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateTime? MeasuredAsOf,
    int TimeSpentSeconds,
    bool IsEditable,
    IReadOnlyDictionary<string, MeasuredMetric> MeasuredCodes,
    IReadOnlyList<RecordAttachment> Attachments,
    IReadOnlyList<RecordDisputeItem> Disputes,
    IReadOnlyList<RecordAction> Actions,
    IReadOnlyList<RecordComment> Comments,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<OtherInspectorTotal> Others)
{
    /// <summary>The evidence of one indicator (attached to it by the inspector).</summary>
    public IEnumerable<RecordAttachment> OfIndicator(string code) =>
        Attachments.Where(a => a.To == AttachedTo.Indicator && a.IndicatorCode == code);

    /// <summary>The evidence attached to the record as a whole.</summary>
    public IEnumerable<RecordAttachment> OfRecord => Attachments.Where(a => a.To == AttachedTo.Record);

    public IEnumerable<RecordAttachment> OfDispute(int disputeId, string code) =>
        Attachments.Where(a => a.To == AttachedTo.Dispute && a.DisputeId == disputeId && (a.IndicatorCode is null || a.IndicatorCode == code));

    public IEnumerable<RecordAttachment> OfComment(int commentId) => Attachments.Where(a => a.To == AttachedTo.Comment && a.CommentId == commentId);

    public IEnumerable<RecordAttachment> OfAction(int actionId) => Attachments.Where(a => a.To == AttachedTo.CorrectiveAction && a.CorrectiveActionId == actionId);

    public IEnumerable<RecordDisputeItem> DisputesOf(string code) => Disputes.Where(d => d.IndicatorCode == code);
}

public sealed record RecordAttachment(
    int Id, string Name, long Size, string ContentType, bool IsImage, AttachedTo To, string? IndicatorCode, int? DisputeId, int? CommentId,
    int? CorrectiveActionId, string UploadedBy, DateTime UploadedAt);

/// <summary>One disputed indicator: the lead's reason and, once ruled, the input and points before and after.</summary>
public sealed record RecordDisputeItem(
    int DisputeId, string IndicatorCode, string Reason, string RaisedBy, DateTime RaisedAt, DisputeStatus Status, DisputeOutcome Outcome,
    RecordedScore? Original, RecordedScore? Ruled, string? Ruling, string? RuledBy, DateTime? RuledAt);

public sealed record RecordAction(
    int Id, string? IndicatorCode, string Description, CorrectiveActionStatus Status, string Owner, DateOnly DueDate, DateTime? DoneAt, DateTime? VerifiedAt);

public sealed record RecordComment(int Id, string Author, DateTime At, DateTime? EditedAt, string? IndicatorCode, string Text);

/// <summary>
/// One event of the record's history. <see cref="Event"/> is a stable name (the JSON's <c>event</c>, the resource key
/// <c>Record.Event.{Event}</c>); <see cref="From"/>/<see cref="To"/> are the inputs before and after a ruling.
/// </summary>
public sealed record TimelineEvent(DateTime At, string Actor, string Event, string? Indicator, RecordedScore? From, RecordedScore? To, string? Note, int Count = 1);
