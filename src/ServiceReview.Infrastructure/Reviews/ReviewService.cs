using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Notifications;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Reviews;

/// <summary>An inspection in the lead's review list.</summary>
public sealed record ReviewListItem(
    int Id, int RoundId, string RoundName, int TeamId, string TeamName, string InspectorName,
    InspectionStatus Status, DateTime? SubmittedAt, DateTime? ConfirmedAt, decimal? Total, string? Grade, string? VetoedBy);

/// <summary>
/// The team lead's review (确认 / 申诉) of submitted inspections. Only the lead of the inspected team may see or act:
/// for anyone else the inspection does not exist (null / false).
/// </summary>
public sealed class ReviewService(ServiceReviewDbContext db, TimeProvider clock)
{
    private static readonly InspectionStatus[] Reviewable = [InspectionStatus.Submitted, InspectionStatus.Disputed, InspectionStatus.Confirmed];

    /// <summary>Submitted, disputed and confirmed inspections of the teams <paramref name="leadPersonId"/> leads; to review first.</summary>
    public async Task<IReadOnlyList<ReviewListItem>> ListForLeadAsync(int? leadPersonId, CancellationToken cancellationToken = default)
    {
        if (leadPersonId is null)
        {
            return [];
        }

        var rows = await (
            from i in db.Inspections
            join t in db.Teams on i.TeamId equals t.Id
            join r in db.Rounds on i.RoundId equals r.Id
            join p in db.People on i.InspectorId equals p.Id
            where t.LeadId == leadPersonId && Reviewable.Contains(i.Status)
            select new ReviewListItem(i.Id, r.Id, r.Name, t.Id, t.Name, p.DisplayName, i.Status, i.SubmittedAt, i.ConfirmedAt, i.Total, i.Grade, i.VetoedBy))
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return rows
            .OrderBy(r => r.Status == InspectionStatus.Submitted ? 0 : 1)
            .ThenBy(r => r.Status == InspectionStatus.Submitted ? r.SubmittedAt : null)
            .ThenByDescending(r => r.RoundId)
            .ThenBy(r => r.TeamName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The sheet, if <paramref name="leadPersonId"/> leads the inspected team and the inspection was submitted.</summary>
    public async Task<InspectionSheet?> GetForLeadAsync(int? leadPersonId, int inspectionId, CancellationToken cancellationToken = default)
    {
        if (leadPersonId is null)
        {
            return null;
        }

        var sheet = await InspectionSheetLoader.LoadAsync(db, inspectionId, cancellationToken);
        return sheet is not null && sheet.TeamLeadId == leadPersonId && Reviewable.Contains(sheet.Status) ? sheet : null;
    }

    /// <summary>The open dispute of an inspection, if any (shown on the review page after disputing).</summary>
    public Task<Dispute?> FindDisputeAsync(int inspectionId, CancellationToken cancellationToken = default) =>
        db.Disputes.AsNoTracking().Include(d => d.Items)
            .Where(d => d.InspectionId == inspectionId)
            .OrderByDescending(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Confirms (确认). False when the actor does not lead the team. Domain and concurrency errors are thrown.</summary>
    public async Task<bool> ConfirmAsync(Actor actor, int inspectionId, Guid stamp, CancellationToken cancellationToken = default)
    {
        var inspection = await LoadOwnAsync(actor, inspectionId, cancellationToken);
        if (inspection is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var oldStatus = inspection.Status;
        inspection.Confirm(now);
        db.ExpectStamp(inspection, stamp);
        db.Audit(actor, now, nameof(Inspection), inspection.Id, "Confirmed", oldStatus.ToString(), inspection.Status.ToString());
        await db.SaveOrConflictAsync(cancellationToken);
        return true;
    }

    /// <summary>Disputes (申诉) the named indicators, each with a reason. False when the actor does not lead the team.</summary>
    public async Task<bool> DisputeAsync(Actor actor, int inspectionId, Guid stamp, IReadOnlyList<(string IndicatorCode, string Reason)> items, CancellationToken cancellationToken = default)
    {
        var inspection = await LoadOwnAsync(actor, inspectionId, cancellationToken);
        if (inspection is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var oldStatus = inspection.Status;
        var dispute = inspection.Dispute(actor.PersonId!.Value, items, now);
        db.ExpectStamp(inspection, stamp);
        db.Disputes.Add(dispute);
        db.Audit(actor, now, nameof(Inspection), inspection.Id, "Disputed", oldStatus.ToString(),
            string.Join("; ", dispute.Items.Select(i => $"{i.IndicatorCode}: {i.Reason}")));
        await new Notifier(db).DisputedAsync(inspection, now, cancellationToken);
        await db.SaveOrConflictAsync(cancellationToken);
        return true;
    }

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
