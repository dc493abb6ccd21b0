using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Reviews.Disputes;

public sealed record DisputeListItem(
    int Id, int InspectionId, string RoundName, string TeamName, string InspectorName, string RaisedBy,
    DateTime RaisedAt, DisputeStatus Status, int ItemCount, DateTime? RuledAt);

/// <summary>A dispute with the inspection sheet it is about and the files the lead attached (each with its indicator).</summary>
public sealed record DisputeDetail(
    int Id, DisputeStatus Status, string RaisedBy, DateTime RaisedAt, string? RuledBy, DateTime? RuledAt,
    IReadOnlyList<DisputeItem> Items, InspectionSheet Sheet, IReadOnlyList<AttachmentItem> Attachments)
{
    public IEnumerable<AttachmentItem> AttachmentsOf(string indicatorCode) => Attachments.Where(a => a.IndicatorCode == indicatorCode);
}

/// <summary>The manager's ruling on one disputed indicator: uphold, or change the input (then <see cref="NewInput"/> is set).</summary>
public sealed record ItemRuling(string IndicatorCode, DisputeOutcome Outcome, string Ruling, IndicatorInput? NewInput);

/// <summary>Arbitration (仲裁) of disputes by a manager: rule each item, rescore, confirm; every change audited.</summary>
public sealed class DisputeService(ServiceReviewDbContext db, TimeProvider clock, Notifier notifier, PlanVersionCache plans)
{
    /// <summary>Open disputes, oldest first (all of them: this is the managers' to-do list); <paramref name="search"/> matches round, team or inspector.</summary>
    public async Task<IReadOnlyList<DisputeListItem>> OpenAsync(string? search, CancellationToken cancellationToken = default) =>
        await Rows(search, DisputeStatus.Open).ToListAsync(cancellationToken);

    /// <summary>Ruled disputes, one page, most recently ruled first.</summary>
    public Task<Paged<DisputeListItem>> RuledAsync(string? search, PageRequest request, CancellationToken cancellationToken = default) =>
        Rows(search, DisputeStatus.Ruled).ToPagedAsync(request, cancellationToken);

    private IQueryable<DisputeListItem> Rows(string? search, DisputeStatus status)
    {
        var q = PagingExtensions.NormaliseSearch(search);
        var rows =
            from d in db.Disputes.AsNoTracking()
            join i in db.Inspections on d.InspectionId equals i.Id
            join r in db.Rounds on i.RoundId equals r.Id
            join t in db.Teams on i.TeamId equals t.Id
            join inspector in db.People on i.InspectorId equals inspector.Id
            join raiser in db.People on d.RaisedById equals raiser.Id
            where d.Status == status
                && (q == null || r.Name.Contains(q) || t.Name.Contains(q) || inspector.DisplayName.Contains(q) || raiser.DisplayName.Contains(q))
            select new { d, i, r, t, inspector, raiser };
        rows = status == DisputeStatus.Open
            ? rows.OrderBy(x => x.d.RaisedAt).ThenBy(x => x.d.Id)
            : rows.OrderByDescending(x => x.d.RuledAt).ThenByDescending(x => x.d.Id);
        return rows.Select(x => new DisputeListItem(x.d.Id, x.i.Id, x.r.Name, x.t.Name, x.inspector.DisplayName, x.raiser.DisplayName,
            x.d.RaisedAt, x.d.Status, x.d.Items.Count, x.d.RuledAt));
    }

    /// <summary>The dispute with the inspection's sheet; not found for an unknown dispute.</summary>
    public async Task<Outcome<DisputeDetail>> GetAsync(int disputeId, CancellationToken cancellationToken = default)
    {
        var dispute = await db.Disputes.AsNoTracking().Include(d => d.Items).FirstOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
        if (dispute is null)
        {
            return Outcome.NotFound();
        }

        var sheet = await InspectionSheetLoader.LoadAsync(db, plans, dispute.InspectionId, cancellationToken);
        var names = await db.People.Where(p => p.Id == dispute.RaisedById || p.Id == dispute.RuledById)
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return new DisputeDetail(dispute.Id, dispute.Status, names.GetValueOrDefault(dispute.RaisedById, "?"), dispute.RaisedAt,
            dispute.RuledById is { } ruler ? names.GetValueOrDefault(ruler) : null, dispute.RuledAt,
            dispute.Items.OrderBy(i => i.IndicatorCode, StringComparer.Ordinal).ToList(), sheet!,
            await FormEvidence.ListAsync(db.Attachments.Where(a => a.DisputeId == dispute.Id), cancellationToken));
    }

    /// <summary>
    /// Rules every item, applies the changed inputs, rescores with the inspection's plan version and confirms.
    /// Audits the ruling, each changed indicator (old input and points → new) and the total (old → new), in one save.
    /// Not found for an unknown dispute; a rule's refusal (already ruled, a missing new input, no person) or a stale stamp
    /// as the outcome.
    /// </summary>
    public Task<Outcome> ArbitrateAsync(Actor actor, int disputeId, Guid inspectionStamp, IReadOnlyList<ItemRuling> rulings, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        var dispute = await db.Disputes.Include(d => d.Items).FirstOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
        if (dispute is null)
        {
            return Outcome.NotFound();
        }

        var inspection = await db.Inspections.Include(i => i.Entries).Include(i => i.CategoryScores).AsSplitQuery()
            .FirstAsync(i => i.Id == dispute.InspectionId, cancellationToken);
        var plan = await plans.GetAsync(db, inspection.PlanVersionId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        var disputed = dispute.Items.Select(i => i.IndicatorCode).ToHashSet(StringComparer.Ordinal);
        var byCode = rulings.Where(r => disputed.Contains(r.IndicatorCode)).ToDictionary(r => r.IndicatorCode, StringComparer.Ordinal);
        var oldTotal = inspection.Total;
        var oldStatus = inspection.Status;

        dispute.Rule(
            actor.PersonId ?? throw new DomainException("Dispute.NoPerson", "Your account is not linked to a person, so it cannot rule on disputes."),
            byCode.ToDictionary(r => r.Key, r => (r.Value.Outcome, r.Value.Ruling), StringComparer.Ordinal),
            now);

        var changes = byCode.Values
            .Where(r => r.Outcome == DisputeOutcome.Changed)
            .Select(r => new KeyValuePair<string, IndicatorInput>(r.IndicatorCode,
                r.NewInput ?? throw new DomainException("Dispute.NewInputRequired", "Enter the new input for indicator {0}.", r.IndicatorCode)))
            .ToList();
        inspection.Arbitrate(dispute, changes, plan, now);
        db.ExpectStamp(inspection, inspectionStamp);

        db.Audit(actor, now, nameof(Dispute), dispute.Id, "Ruled", null,
            string.Join("; ", dispute.Items.OrderBy(i => i.IndicatorCode, StringComparer.Ordinal).Select(i => $"{i.IndicatorCode}: {i.Outcome} ({i.Ruling})")));
        // The ruling keeps each item's input and points before and after (Inspection.Arbitrate): the audit reads them.
        foreach (var item in dispute.Items.Where(i => i.Outcome == DisputeOutcome.Changed).OrderBy(i => i.IndicatorCode, StringComparer.Ordinal))
        {
            var (old, ruled) = (item.Original!, item.Ruled!);
            db.Audit(actor, now, nameof(Inspection), inspection.Id, "ScoreChanged",
                $"{item.IndicatorCode}: {InputText.Of(old.Input)}, points {InputText.Points(old.Points)}",
                $"{item.IndicatorCode}: {InputText.Of(ruled.Input)}, points {InputText.Points(ruled.Points)}");
        }

        db.Audit(actor, now, nameof(Inspection), inspection.Id, "Arbitrated",
            $"{oldStatus}, total {InputText.Points(oldTotal)}", $"{inspection.Status}, total {InputText.Points(inspection.Total)}");
        notifier.Ruled(dispute, inspection, now);
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok();
    });
}
