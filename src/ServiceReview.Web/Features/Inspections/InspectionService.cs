using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>
/// The inspector's use cases on their own inspection records: list, open the checklist (with measured figures),
/// save a draft, submit, read. Every method takes the <see cref="Actor"/> and treats another inspector's record (or an
/// actor without a person) as not found; a refusal is an <see cref="Outcome"/>, never an exception. Scoring is Core's <see cref="ScoringEngine"/>; state changes are the entity's methods.
/// </summary>
public sealed class InspectionService(ServiceReviewDbContext db, PlanReader plans, IMeasuredFigures measuredFigures, Notifier notifier)
{
    public const string AuditEntityType = "Inspection";

    /// <summary>
    /// One page of the inspector's own records, open ones first, then newest period. <paramref name="search"/> matches
    /// the round, project or team; <paramref name="status"/> keeps one status. Never another inspector's record.
    /// </summary>
    public async Task<Paged<InspectionListItem>> ListAsync(
        Actor actor, string? search, InspectionStatus? status, PageRequest request, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (actor.PersonId is not { } inspectorId)
        {
            return Paged.Empty<InspectionListItem>(request);
        }

        var q = PagingExtensions.NormaliseSearch(search);
        var query =
            from i in db.Inspections.AsNoTracking()
            where i.InspectorId == inspectorId && (status == null || i.Status == status)
            join r in db.Rounds on i.RoundId equals r.Id
            join t in db.Teams on i.TeamId equals t.Id
            join p in db.Projects on t.ProjectId equals p.Id
            where q == null || r.Name.Contains(q) || t.Name.Contains(q) || p.Name.Contains(q)
            select new { i, r, t, p };

        var rows = await query
            .OrderBy(x => x.i.Status == InspectionStatus.Assigned || x.i.Status == InspectionStatus.InProgress ? 0 : 1)
            .ThenByDescending(x => x.r.PeriodStart)
            .ThenBy(x => x.p.Name).ThenBy(x => x.t.Name).ThenBy(x => x.i.Id)
            .Select(x => new
            {
                x.i.Id,
                Round = x.r.Name,
                Project = x.p.Name,
                Team = x.t.Name,
                x.r.PeriodStart,
                x.r.PeriodEnd,
                x.r.WindowOpensAt,
                x.r.WindowClosesAt,
                RoundStatus = x.r.Status,
                x.i.Status,
                x.i.TimeSpentSeconds,
                x.i.Total,
                x.i.Grade,
                x.i.PlanVersionId,
                x.i.ReopenReason,
            })
            .ToPagedAsync(request, cancellationToken);

        return rows.Map(x =>
        {
            var open = x.Status is InspectionStatus.Assigned or InspectionStatus.InProgress;
            var overdue = open && Round.SubmissionWindowFor(x.RoundStatus, x.WindowOpensAt, x.WindowClosesAt, x.ReopenReason != null, nowUtc) == SubmissionWindow.Closed;
            return new InspectionListItem(x.Id, x.Round, x.Project, x.Team, x.PeriodStart, x.PeriodEnd, x.WindowClosesAt,
                x.Status, x.TimeSpentSeconds, x.Total, x.Grade, overdue) { PlanVersionId = x.PlanVersionId };
        });
    }

    /// <summary>
    /// Opens an inspector's own record. The first time an editable record is opened, the measured figures are
    /// computed and stored in its entries (audited as "MeasuredFiguresSet"). Not found: no such record of this inspector.
    /// </summary>
    public async Task<Outcome<InspectionRecord>> OpenAsync(int id, Actor actor, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } inspectorId)
        {
            return Outcome.NotFound();
        }

        // One round trip: the record with its entries (tracked: the first opening stores the measured figures), its
        // round and the names the form shows. The plan comes from the cache of published versions.
        var found = await (
            from i in db.Inspections.Include(i => i.Entries)
            where i.Id == id && i.InspectorId == inspectorId
            join r in db.Rounds on i.RoundId equals r.Id
            join t in db.Teams on i.TeamId equals t.Id
            join p in db.Projects on t.ProjectId equals p.Id
            join person in db.People on i.InspectorId equals person.Id
            select new { Inspection = i, Round = r, Team = t.Name, Project = p.Name, Inspector = person.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Outcome.NotFound();
        }

        var (inspection, round) = (found.Inspection, found.Round);
        var plan = await plans.FindForScoringAsync(inspection.PlanVersionId, cancellationToken) ?? throw new InvalidOperationException("The inspection's plan version is missing.");

        if (inspection.IsEditable && !inspection.HasMeasuredFigures)
        {
            await FillMeasuredFiguresAsync(inspection, plan, round, nowUtc, cancellationToken);
        }

        IReadOnlyList<OtherInspectorTotal> others = [];
        if (inspection.HasBeenSubmitted)
        {
            others = await (
                from o in db.Inspections.AsNoTracking()
                where o.RoundId == inspection.RoundId && o.TeamId == inspection.TeamId && o.Id != inspection.Id
                      && (o.Status == InspectionStatus.Submitted || o.Status == InspectionStatus.Disputed || o.Status == InspectionStatus.Confirmed)
                join p in db.People on o.InspectorId equals p.Id
                orderby p.DisplayName
                select new OtherInspectorTotal(p.DisplayName, o.Status, o.Total, o.TotalBeforeVeto, o.Grade, o.VetoedBy)).ToListAsync(cancellationToken);
        }

        return new InspectionRecord
        {
            Inspection = inspection,
            Plan = plan,
            Round = round,
            TeamName = found.Team,
            ProjectName = found.Project,
            InspectorName = found.Inspector,
            Inputs = FormInputs(inspection, plan),
            WindowOpen = round.SubmissionWindowFor(inspection, nowUtc).AcceptsSubmission(),
            Others = others,
        };
    }

    /// <summary>
    /// Saves what the inspector entered (a draft) and adds <paramref name="secondsSpent"/> to the time spent.
    /// Invalid (nothing saved) when an input does not fit its indicator (each error's field is the indicator code),
    /// conflict when the record changed since <paramref name="stamp"/>, invalid with the entity's code
    /// (<c>Inspection.NotEditable</c>) when it can no longer be edited.
    /// </summary>
    public Task<Outcome<DraftSaved>> SaveDraftAsync(int id, Guid stamp, IReadOnlyDictionary<string, IndicatorInput> inputs,
        int secondsSpent, Actor actor, DateTime nowUtc, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PersonId is not { } inspectorId)
        {
            return Outcome.NotFound();
        }

        // One round trip: the record (tracked) with its entries, and when its last draft was audited.
        var entityId = id.ToString(CultureInfo.InvariantCulture);
        var found = await db.Inspections.Include(i => i.Entries)
            .Where(i => i.Id == id && i.InspectorId == inspectorId)
            .Select(i => new
            {
                Inspection = i,
                LastDraftAudited = db.AuditLog.Where(a => a.EntityType == AuditEntityType && a.EntityId == entityId && a.Action == "DraftSaved").Max(a => (DateTime?)a.At),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Outcome.NotFound();
        }

        var inspection = found.Inspection;
        var plan = await plans.FindForScoringAsync(inspection.PlanVersionId, cancellationToken) ?? throw new InvalidOperationException("The inspection's plan version is missing.");
        if (ApplyDraft(inspection, plan, stamp, inputs, secondsSpent, nowUtc) is { } refused)
        {
            return refused;
        }

        if (found.LastDraftAudited is not { } last || nowUtc - last >= DraftAuditInterval)
        {
            db.Audit(actor, nowUtc, AuditEntityType, inspection.Id, "DraftSaved", null, DraftSummary(inspection, secondsSpent));
        }

        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok(new DraftSaved(inspection.ConcurrencyStamp, inspection.TimeSpentSeconds, nowUtc));
    });

    /// <summary>
    /// Draft saves are audited coalesced (issue #15; docs/security.md): the first save of a record always, then a save
    /// only when the record's last audited draft is at least this old; the submission is audited with its score, and a
    /// refused submission with the draft it kept. Autosave every few seconds thus adds one audit entry per five minutes
    /// of editing, not one per save, and the append-only chain stays short and uncontended.
    /// </summary>
    public static readonly TimeSpan DraftAuditInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Saves the inputs and submits the record if the entity accepts it (complete, with the evidence it needs, inside the
    /// window or reopened); otherwise keeps it as a draft and says why (see <see cref="SubmitOutcome"/>). A record already
    /// submitted is refused with the entity's <c>Inspection.AlreadySubmitted</c>, so a second click makes no second
    /// transition; inputs that do not fit, a stale stamp or a record no longer editable as for <see cref="SaveDraftAsync"/>.
    /// </summary>
    public Task<Outcome<SubmitOutcome>> SubmitAsync(int id, Guid stamp, IReadOnlyDictionary<string, IndicatorInput> inputs,
        int secondsSpent, Actor actor, DateTime nowUtc, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        var inspection = await LoadOwnAsync(id, actor, cancellationToken);
        if (inspection is null)
        {
            return Outcome.NotFound();
        }

        inspection.EnsureNotSubmitted();
        var plan = await plans.FindForScoringAsync(inspection.PlanVersionId, cancellationToken) ?? throw new InvalidOperationException("The inspection's plan version is missing.");
        var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == inspection.RoundId, cancellationToken);

        if (ApplyDraft(inspection, plan, stamp, inputs, secondsSpent, nowUtc) is { } refused)
        {
            return refused;
        }

        var attempt = inspection.TrySubmit(plan, round, nowUtc);
        if (!attempt.Submitted)
        {
            db.Audit(actor, nowUtc, AuditEntityType, inspection.Id, "DraftSaved", null, DraftSummary(inspection, secondsSpent));
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok(new SubmitOutcome(false, inspection.ConcurrencyStamp, attempt.Score, attempt.WindowClosed));
        }

        db.Audit(actor, nowUtc, AuditEntityType, inspection.Id, "Submitted", null, ScoreSummary(attempt.Score));
        await notifier.SubmittedAsync(inspection, nowUtc, cancellationToken);
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok(new SubmitOutcome(true, inspection.ConcurrencyStamp, attempt.Score, false) { GradeBounds = plan.GradeBounds });
    });

    /// <summary>
    /// The inspector's own record and its plan version, for the live score preview of the form
    /// (<see cref="Inspection.Preview"/> knows the stored measured figures). Not found: no such record of this inspector.
    /// Reads only; changes nothing.
    /// </summary>
    public async Task<Outcome<InspectionPreviewSource>> PreviewSourceAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var inspectorId = actor.PersonId;
        var inspection = inspectorId is null ? null : await db.Inspections.AsNoTracking().Include(i => i.Entries)
            .FirstOrDefaultAsync(i => i.Id == id && i.InspectorId == inspectorId, cancellationToken);
        if (inspection is null)
        {
            return Outcome.NotFound();
        }

        var plan = await plans.FindForScoringAsync(inspection.PlanVersionId, cancellationToken) ?? throw new InvalidOperationException("The inspection's plan version is missing.");
        return new InspectionPreviewSource(inspection, plan);
    }
    /// <summary>Writes the inputs as a draft (the caller audits); an invalid outcome (each refused input at its indicator code) and nothing written when one does not fit.</summary>
    private Outcome? ApplyDraft(Inspection inspection, PlanVersion plan, Guid stamp, IReadOnlyDictionary<string, IndicatorInput> inputs,
        int secondsSpent, DateTime nowUtc)
    {
        // Every input is checked, so that all problems are reported at once rather than the first.
        var refusals = ScoringEngine.Check(plan, inputs);
        if (refusals.Count > 0)
        {
            return Outcome.Invalid(refusals.Select(r => OutcomeError.Of(r.Key, OutcomeError.DomainPrefix + r.Value.Code, [.. r.Value.Arguments])));
        }

        db.ExpectStamp(inspection, stamp);

        // Every indicator of the plan is written: one the form left empty is cleared, as the inspector left it.
        var all = plan.IndicatorsInOrder().ToDictionary(
            i => i.Code,
            i => inputs.TryGetValue(i.Code, out var input) ? input : new IndicatorInput(),
            StringComparer.Ordinal);
        inspection.SaveDraft(all, Math.Clamp(secondsSpent, 0, MaxSecondsPerSave), nowUtc);
        return null;
    }

    /// <summary>One save cannot claim more than a working day: a broken or tampered client cannot inflate the time spent.</summary>
    public const int MaxSecondsPerSave = 8 * 3600;

    private async Task FillMeasuredFiguresAsync(Inspection inspection, PlanVersion plan, Round round, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var measured = plan.IndicatorsInOrder().Where(i => i.Measure is not null).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        var figures = await measuredFigures.ComputeAsync(inspection.TeamId, round.PeriodStart, round.PeriodEnd, nowUtc, cancellationToken);
        var set = new List<string>();
        foreach (var indicator in measured)
        {
            if (figures.TryGetValue(indicator.Measure!.Value, out var figure))
            {
                inspection.SetMeasured(indicator.Code, figure);
                set.Add(string.Create(CultureInfo.InvariantCulture, $"{indicator.Code}={figure.Value?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} ({figure.Numerator}/{figure.Denominator})"));
            }
        }

        if (set.Count == 0)
        {
            return;
        }

        db.Audit(Actor.System, nowUtc, AuditEntityType, inspection.Id, "MeasuredFiguresSet", null, string.Join("; ", set));
        try
        {
            await db.SaveOrConflictAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Someone saved the record at the same moment: the next opening computes the figures again.
        }
    }

    private static Dictionary<string, IndicatorInput> FormInputs(Inspection inspection, PlanVersion plan)
    {
        var inputs = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
        foreach (var entry in inspection.Entries)
        {
            var input = entry.Input;
            if (input.IsEmpty && inspection.IsEditable && plan.FindIndicator(entry.IndicatorCode) is { Measure: not null } indicator
                && (entry.MeasuredValue is not null || entry.MeasuredDenominator is not null))
            {
                input = MeasuredInput.For(indicator, new MeasuredFigure(entry.MeasuredValue, entry.MeasuredNumerator, entry.MeasuredDenominator)) ?? input;
            }

            inputs[entry.IndicatorCode] = input;
        }

        return inputs;
    }

    /// <summary>The inspector's own record, tracked, with its entries and category scores (to be scored).</summary>
    private async Task<Inspection?> LoadOwnAsync(int id, Actor actor, CancellationToken cancellationToken) =>
        actor.PersonId is not { } inspectorId ? null : await db.Inspections.Include(i => i.Entries).Include(i => i.CategoryScores).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == id && i.InspectorId == inspectorId, cancellationToken);

    private static string DraftSummary(Inspection inspection, int secondsSpent) =>
        string.Create(CultureInfo.InvariantCulture,
            $"filled {inspection.Entries.Count(e => !e.Input.IsEmpty)}/{inspection.Entries.Count}; +{secondsSpent}s; total time {inspection.TimeSpentSeconds}s");

    private static string ScoreSummary(ScoreResult score) =>
        string.Create(CultureInfo.InvariantCulture,
            $"total {score.Total} ({score.Grade}); before veto {score.TotalBeforeVeto}{(score.VetoedBy is null ? "" : "; vetoed by " + score.VetoedBy)}");
}
