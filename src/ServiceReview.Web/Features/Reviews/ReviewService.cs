using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Reviews;

/// <summary>An inspection in the lead's review list.</summary>
public sealed record ReviewListItem(
    int Id, int RoundId, string RoundName, int TeamId, string TeamName, string InspectorName,
    InspectionStatus Status, DateTime? SubmittedAt, DateTime? ConfirmedAt, decimal? Total, string? Grade, string? VetoedBy)
{
    /// <summary>The plan version the inspection was scored under (the grade's names come from it).</summary>
    public int PlanVersionId { get; init; }
}

/// <summary>One disputed indicator: its reason and the checked files that go with it.</summary>
public sealed record DisputedIndicator(string IndicatorCode, string Reason, IReadOnlyList<CheckedFile> Files);

/// <summary>
/// The team lead's review (确认 / 申诉) of submitted inspections. Only the lead of the inspected team may see or act:
/// for anyone else the inspection does not exist (not found).
/// </summary>
public sealed class ReviewService(ServiceReviewDbContext db, TimeProvider clock, Notifier notifier, AttachmentService attachments, PlanVersionCache plans)
{
    private static readonly InspectionStatus[] Reviewable = [InspectionStatus.Submitted, InspectionStatus.Disputed, InspectionStatus.Confirmed];

    /// <summary>Submitted inspections of the teams the actor leads, oldest submission first (all of them: this is the lead's to-do list).</summary>
    public async Task<IReadOnlyList<ReviewListItem>> ToReviewForLeadAsync(Actor actor, string? search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } leadPersonId)
        {
            return [];
        }

        return await Rows(leadPersonId, search, [InspectionStatus.Submitted], history: false).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The lead's history, one page: disputed and confirmed inspections of their teams (or only <paramref name="status"/>),
    /// newest round first; <paramref name="search"/> matches the round, team or inspector.
    /// </summary>
    public async Task<Paged<ReviewListItem>> HistoryForLeadAsync(
        Actor actor, string? search, InspectionStatus? status, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } leadPersonId)
        {
            return Paged.Empty<ReviewListItem>(request);
        }

        InspectionStatus[] statuses = status is InspectionStatus.Disputed or InspectionStatus.Confirmed
            ? [status.Value]
            : [InspectionStatus.Disputed, InspectionStatus.Confirmed];
        return await Rows(leadPersonId, search, statuses, history: true).ToPagedAsync(request, cancellationToken);
    }

    /// <summary>The lead's rows, ordered in the database (a unique key last, so pages never overlap).</summary>
    private IQueryable<ReviewListItem> Rows(int leadPersonId, string? search, InspectionStatus[] statuses, bool history)
    {
        var q = PagingExtensions.NormaliseSearch(search);
        var rows =
            from i in db.Inspections.AsNoTracking()
            join t in db.Teams on i.TeamId equals t.Id
            join r in db.Rounds on i.RoundId equals r.Id
            join p in db.People on i.InspectorId equals p.Id
            where t.LeadId == leadPersonId && statuses.Contains(i.Status)
                && (q == null || r.Name.Contains(q) || t.Name.Contains(q) || p.DisplayName.Contains(q))
            select new { i, r, t, p };
        rows = history
            ? rows.OrderByDescending(x => x.r.PeriodStart).ThenByDescending(x => x.r.Id).ThenBy(x => x.t.Name).ThenBy(x => x.i.Id)
            : rows.OrderBy(x => x.i.SubmittedAt).ThenBy(x => x.i.Id);
        return rows.Select(x => new ReviewListItem(x.i.Id, x.r.Id, x.r.Name, x.t.Id, x.t.Name, x.p.DisplayName, x.i.Status,
            x.i.SubmittedAt, x.i.ConfirmedAt, x.i.Total, x.i.Grade, x.i.VetoedBy) { PlanVersionId = x.i.PlanVersionId });
    }

    /// <summary>The sheet, if the actor leads the inspected team and the inspection was submitted; else not found.</summary>
    public async Task<Outcome<InspectionSheet>> GetForLeadAsync(Actor actor, int inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } leadPersonId)
        {
            return Outcome.NotFound();
        }

        var sheet = await InspectionSheetLoader.LoadAsync(db, plans, inspectionId, cancellationToken);
        return sheet is not null && sheet.TeamLeadId == leadPersonId && Reviewable.Contains(sheet.Status) ? sheet : Outcome.NotFound();
    }

    /// <summary>The open dispute of an inspection, if any (shown on the review page after disputing).</summary>
    public Task<Dispute?> FindDisputeAsync(int inspectionId, CancellationToken cancellationToken = default) =>
        db.Disputes.AsNoTracking().Include(d => d.Items)
            .Where(d => d.InspectionId == inspectionId)
            .OrderByDescending(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Confirms (确认). Not found when the actor does not lead the team; the entity's refusal or a stale stamp as the outcome.</summary>
    public Task<Outcome> ConfirmAsync(Actor actor, int inspectionId, Guid stamp, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        var inspection = await LoadOwnAsync(actor, inspectionId, cancellationToken);
        if (inspection is null)
        {
            return Outcome.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var oldStatus = inspection.Status;
        inspection.Confirm(now);
        db.ExpectStamp(inspection, stamp);
        db.Audit(actor, now, nameof(Inspection), inspection.Id, "Confirmed", oldStatus.ToString(), inspection.Status.ToString());
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok();
    });

    /// <summary>The files attached to a dispute, each with its indicator.</summary>
    public Task<IReadOnlyList<AttachmentItem>> DisputeAttachmentsAsync(int disputeId, CancellationToken cancellationToken = default) =>
        FormEvidence.ListAsync(db.Attachments.Where(a => a.DisputeId == disputeId), cancellationToken);

    /// <summary>
    /// Disputes (申诉) the named indicators, each with a reason and its files (already checked): the dispute, the
    /// inspection's new status and the files are saved in one transaction, each file audited. Not found when the actor
    /// does not lead the team.
    /// </summary>
    public Task<Outcome> DisputeAsync(Actor actor, int inspectionId, Guid stamp, IReadOnlyList<DisputedIndicator> items, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        ArgumentNullException.ThrowIfNull(items);
        var inspection = await LoadOwnAsync(actor, inspectionId, cancellationToken);
        if (inspection is null)
        {
            return Outcome.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var oldStatus = inspection.Status;
        var dispute = inspection.Dispute(actor.PersonId!.Value, items.Select(i => (i.IndicatorCode, i.Reason)).ToList(), now);
        db.ExpectStamp(inspection, stamp);
        db.Disputes.Add(dispute);
        db.Audit(actor, now, nameof(Inspection), inspection.Id, "Disputed", oldStatus.ToString(),
            string.Join("; ", dispute.Items.Select(i => $"{i.IndicatorCode}: {i.Reason}")));
        await notifier.DisputedAsync(inspection, now, cancellationToken);
        await db.SaveWithAttachmentsAsync(actor, now, async () =>
        {
            var added = new List<Attachment>();
            foreach (var item in items.Where(i => i.Files.Count > 0))
            {
                added.AddRange(await attachments.AddAsync(actor, AttachmentOwner.Dispute(inspection.Id, dispute.Id, item.IndicatorCode), item.Files, cancellationToken));
            }

            return added;
        }, cancellationToken);
        return Outcome.Ok();
    });

    private async Task<Inspection?> LoadOwnAsync(Actor actor, int inspectionId, CancellationToken cancellationToken)
    {
        if (actor.PersonId is null)
        {
            return null;
        }

        var leads = await (
            from i in db.Inspections
            join t in db.Teams on i.TeamId equals t.Id
            where i.Id == inspectionId && t.LeadId == actor.PersonId && Reviewable.Contains(i.Status)
            select i.Id).AnyAsync(cancellationToken);
        return leads ? await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == inspectionId, cancellationToken) : null;
    }
}
