using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Reviews;

namespace ServiceReview.Web.Features.Feedback;

public sealed record ActionListItem(
    int Id, int RoundId, string RoundName, int TeamId, string TeamName, string? IndicatorCode, string? IndicatorName,
    string Description, string Owner, DateOnly DueDate, CorrectiveActionStatus Status, bool IsOverdue, DateTime RaisedAt);

/// <summary>An action with who did what, the proof files of its report, and what the viewer may do with it.</summary>
public sealed record ActionDetail(
    ActionListItem Summary, string RaisedBy, string? DoneReport, DateTime? DoneAt, string? VerifiedBy, DateTime? VerifiedAt,
    string? VerificationNote, Guid ConcurrencyStamp, bool CanReportDone, bool CanVerify, int? InspectionId, IReadOnlyList<AttachmentItem> Proof);

/// <summary>An indicator offered when raising actions: the team's mean points in the round against the maximum.</summary>
public sealed record ActionCandidate(string Code, string Name, decimal Max, decimal? MeanPoints)
{
    public bool IsWeak => MeanPoints is { } p && p < SheetRow.WeakShare * Max;
}

public sealed record RaiseContext(int RoundId, string RoundName, int TeamId, string TeamName, int? InspectionId,
    IReadOnlyList<ActionCandidate> Candidates, IReadOnlyList<(int Id, string Name)> Owners);

/// <summary>
/// One action to raise. <paramref name="OwnerId"/> and <paramref name="DueDate"/> are this action's own (issue #17):
/// when null, the shared owner and due date given with the batch. <paramref name="Field"/> names the form row a refusal
/// of this action's owner or due date belongs to ("Items[3]"); empty for the whole form.
/// </summary>
public sealed record NewAction(string? IndicatorCode, string Description, int? OwnerId = null, DateOnly? DueDate = null, string Field = "");

/// <summary>
/// Corrective actions (整改 / 核实): raised by a manager or an inspector of the team on weak indicators, reported done
/// by the team's lead or the owner, verified or sent back by an inspector of the team or a manager.
/// </summary>
public sealed class CorrectiveActionService(
    ServiceReviewDbContext db, TimeProvider clock, OrganisationClock localTime, Notifier notifier, AttachmentService attachments, PlanVersionCache plans)
{
    private ProjectToday? _today;

    /// <summary>
    /// Today in each project's zone: an action is due by a calendar day of its team's project (ADR 0022). Read once per
    /// request (the service is scoped): the home page asks for it beside the list that also needs it.
    /// </summary>
    public async Task<ProjectToday> TodayAsync(CancellationToken cancellationToken = default) =>
        _today ??= await ProjectToday.LoadAsync(db, localTime, cancellationToken);

    /// <summary>Today in the zone of the team's project (the default due date and the earliest one allowed are counted from it).</summary>
    public async Task<DateOnly> TodayOfTeamAsync(int teamId, CancellationToken cancellationToken = default)
    {
        var zone = await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => p.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return localTime.TodayInProject(zone);
    }

    private IQueryable<CorrectiveAction> Filtered(Actor actor, CorrectiveActionStatus? status, bool overdueOnly, ProjectToday today)
    {
        var query = Relevant(actor);
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        return overdueOnly ? query.Where(today.Overdue()) : query;
    }

    /// <summary>
    /// One page of the actions relevant to the viewer (managers all; a lead their teams'; the owner their own; an
    /// inspector the ones they raised or may verify), ordered in the database: overdue first, verified last, then by
    /// due date. <paramref name="search"/> matches the description, indicator code,
    /// team, round and owner.
    /// </summary>
    public async Task<Paged<ActionListItem>> PageAsync(
        Actor actor, CorrectiveActionStatus? status, bool overdueOnly, string? search, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsManager && actor.PersonId is null)
        {
            return Paged.Empty<ActionListItem>(request);
        }

        var today = await TodayAsync(cancellationToken);
        var query = Filtered(actor, status, overdueOnly, today);
        var (first, second, third, ahead, twoAhead) = (today.Earliest, today.Earliest.AddDays(1), today.Earliest.AddDays(2), today.AtLeastOneAhead, today.TwoAhead);

        var q = PagingExtensions.NormaliseSearch(search);
        var rows =
            from a in query.AsNoTracking()
            join r in db.Rounds on a.RoundId equals r.Id
            join t in db.Teams on a.TeamId equals t.Id
            join o in db.People on a.OwnerId equals o.Id
            where q == null || a.Description.Contains(q) || (a.IndicatorCode != null && a.IndicatorCode.Contains(q))
                || t.Name.Contains(q) || r.Name.Contains(q) || o.DisplayName.Contains(q)
            // ProjectToday.Overdue() inline: query syntax cannot call an expression.
            let overdue = a.Status != CorrectiveActionStatus.Verified
                && (a.DueDate < first || (a.DueDate < second && ahead.Contains(a.TeamId)) || (a.DueDate < third && twoAhead.Contains(a.TeamId)))
            orderby (overdue ? 0 : 1),
                (a.Status == CorrectiveActionStatus.Verified ? 1 : 0), a.DueDate, a.Id
            select new ActionListItem(
                a.Id, r.Id, r.Name, t.Id, t.Name, a.IndicatorCode,
                db.PlanVersions.Where(v => v.Id == r.PlanVersionId)
                    .SelectMany(v => v.Categories).SelectMany(c => c.Indicators)
                    .Where(i => i.Code == a.IndicatorCode).Select(i => i.Name).FirstOrDefault(),
                a.Description, o.DisplayName, a.DueDate, a.Status, overdue, a.RaisedAt);
        return await rows.ToPagedAsync(request, cancellationToken);
    }

    public async Task<ActionDetail?> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        var action = await Relevant(actor).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return null;
        }

        var summary = await ToListItems(db.CorrectiveActions.Where(a => a.Id == id)).FirstAsync(cancellationToken);
        summary = summary with { IsOverdue = action.IsOverdue(await TodayOfTeamAsync(action.TeamId, cancellationToken)) };
        var names = await db.People.Where(p => p.Id == action.RaisedById || p.Id == action.VerifiedById)
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return new ActionDetail(summary, names.GetValueOrDefault(action.RaisedById, "?"), action.DoneReport, action.DoneAt,
            action.VerifiedById is { } v ? names.GetValueOrDefault(v) : null, action.VerifiedAt, action.VerificationNote, action.ConcurrencyStamp,
            await CanReportDoneAsync(actor, action, cancellationToken), await CanVerifyAsync(actor, action, cancellationToken),
            action.InspectionId, await FormEvidence.ListAsync(db.Attachments.Where(f => f.CorrectiveActionId == action.Id), cancellationToken));
    }

    /// <summary>Whether the actor may see the action (and its proof files): the same rule as its list and its page.</summary>
    public Task<bool> MaySeeAsync(Actor actor, int id, CancellationToken cancellationToken = default) =>
        Relevant(actor).AnyAsync(a => a.Id == id, cancellationToken);

    /// <summary>A manager, or an inspector of the team in the round who has submitted, may raise actions.</summary>
    public async Task<bool> CanRaiseAsync(Actor actor, int roundId, int teamId, CancellationToken cancellationToken = default) =>
        actor.IsManager || (actor.PersonId is { } person && await IsSubmittedInspectorAsync(person, roundId, teamId, cancellationToken));

    /// <summary>The raise form's data: indicators with the team's mean points (or one inspection's), owners to choose from.</summary>
    public async Task<RaiseContext?> GetRaiseContextAsync(Actor actor, int roundId, int teamId, int? inspectionId, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId && r.Teams.Any(t => t.TeamId == teamId))
            .Select(r => new { r.Id, r.Name, r.PlanVersionId }).FirstOrDefaultAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (round is null || team is null || !await CanRaiseAsync(actor, roundId, teamId, cancellationToken))
        {
            return null;
        }

        var scoredQuery = db.Inspections.AsNoTracking().Include(i => i.Entries)
            .Where(i => i.RoundId == roundId && i.TeamId == teamId
                && (i.Status == InspectionStatus.Submitted || i.Status == InspectionStatus.Disputed || i.Status == InspectionStatus.Confirmed));
        if (inspectionId is { } one)
        {
            scoredQuery = scoredQuery.Where(i => i.Id == one);
        }

        var scored = await scoredQuery.ToListAsync(cancellationToken);
        if (inspectionId is not null && scored.Count == 0)
        {
            return null;
        }

        var plan = await plans.GetAsync(db, round.PlanVersionId, cancellationToken);
        var candidates = plan.IndicatorsInOrder().Select(indicator =>
        {
            var points = scored.Select(i => i.Entries.FirstOrDefault(e => e.IndicatorCode == indicator.Code)?.Points).OfType<decimal>().ToList();
            return new ActionCandidate(indicator.Code, indicator.Name, indicator.Max, points.Count == 0 ? null : points.Average());
        }).ToList();

        var ownerIds = team.Members.Select(m => m.PersonId).Append(team.LeadId ?? 0).Where(id => id != 0).Distinct().ToList();
        var owners = await db.People.AsNoTracking().Where(p => ownerIds.Contains(p.Id) && p.IsActive)
            .OrderBy(p => p.Id == team.LeadId ? 0 : 1).ThenBy(p => p.DisplayName)
            .Select(p => new { p.Id, p.DisplayName }).ToListAsync(cancellationToken);
        return new RaiseContext(round.Id, round.Name, team.Id, team.Name, inspectionId, candidates, owners.Select(o => (o.Id, o.DisplayName)).ToList());
    }

    /// <summary>
    /// Raises one action per item, each with its own owner and due date or else the shared ones: the new ids; not found
    /// when the round, team or inspection is not one the actor may raise actions on; invalid when an owner is not of the
    /// team or a due date is past (each at its item's row, all of them at once), nothing is chosen or an indicator is
    /// not in the round's plan.
    /// </summary>
    public Task<Outcome<IReadOnlyList<int>>> RaiseAsync(Actor actor, int roundId, int teamId, int? inspectionId,
        IReadOnlyList<NewAction> items, int ownerId, DateOnly dueDate, CancellationToken cancellationToken = default) =>
        Outcome.Of<IReadOnlyList<int>>(async () =>
        {
            ArgumentNullException.ThrowIfNull(actor);
            ArgumentNullException.ThrowIfNull(items);
            var context = await GetRaiseContextAsync(actor, roundId, teamId, inspectionId, cancellationToken);
            if (context is null || actor.PersonId is not { } raisedBy)
            {
                return Outcome.NotFound();
            }

            if (items.Count == 0)
            {
                return Refused("Action.NoItems");
            }

            var today = await TodayOfTeamAsync(teamId, cancellationToken);
            var errors = new List<OutcomeError>();
            if (context.Owners.All(o => o.Id != ownerId))
            {
                errors.Add(OutcomeError.Of("", OutcomeError.DomainPrefix + "Action.OwnerNotInTeam"));
            }

            if (dueDate < today)
            {
                errors.Add(OutcomeError.Of("", OutcomeError.DomainPrefix + "Action.DueInThePast"));
            }

            foreach (var item in items)
            {
                if (item.OwnerId is { } own && context.Owners.All(o => o.Id != own))
                {
                    errors.Add(OutcomeError.Of(RowField(item, nameof(NewAction.OwnerId)), "Actions.Create.RowOwnerNotInTeam", item.IndicatorCode));
                }

                if (item.DueDate is { } due && due < today)
                {
                    errors.Add(OutcomeError.Of(RowField(item, nameof(NewAction.DueDate)), "Actions.Create.RowDueInThePast", item.IndicatorCode));
                }
            }

            if (errors.Count > 0)
            {
                return Outcome.Invalid(errors);
            }

            var known = context.Candidates.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            if (items.FirstOrDefault(i => i.IndicatorCode is { } code && !known.Contains(code)) is { } unknown)
            {
                return Refused("Action.UnknownIndicator", unknown.IndicatorCode);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actions = items
                .Select(item => new CorrectiveAction(roundId, teamId, item.IndicatorCode, item.Description, item.OwnerId ?? ownerId, item.DueDate ?? dueDate, raisedBy, now, inspectionId))
                .ToList();
            db.CorrectiveActions.AddRange(actions);
            var teamLead = await notifier.LeadOfAsync(teamId, cancellationToken);
            await db.SaveNewWithAuditAsync(() =>
            {
                foreach (var action in actions)
                {
                    db.Audit(actor, now, nameof(CorrectiveAction), action.Id, "Raised", null,
                        $"{action.Status}: {action.IndicatorCode} {action.Description} (owner {action.OwnerId}, due {action.DueDate:yyyy-MM-dd})");
                    notifier.Action(action, teamLead, now);
                }
            }, cancellationToken);
            return Outcome.Ok<IReadOnlyList<int>>(actions.Select(a => a.Id).ToList());
        });

    /// <summary>
    /// The lead of the team or the owner reports the action done, with optional proof files (already checked), stored in
    /// the same transaction as the status and each audited; not found when the action is not theirs to report.
    /// </summary>
    public Task<Outcome> ReportDoneAsync(Actor actor, int id, Guid stamp, string report, IReadOnlyList<CheckedFile>? proof = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, id, stamp, CanReportDoneAsync, "ReportedDone", a => a.ReportDone(report, clock.GetUtcNow().UtcDateTime), a => a.DoneReport, cancellationToken, proof);

    /// <summary>An inspector of the team in the round or a manager verifies the action; not found when not theirs to verify.</summary>
    public Task<Outcome> VerifyAsync(Actor actor, int id, Guid stamp, string? note, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, id, stamp, CanVerifyAsync, "Verified", a => a.Verify(actor.PersonId!.Value, note, clock.GetUtcNow().UtcDateTime), a => a.VerificationNote, cancellationToken);

    /// <summary>An inspector of the team in the round or a manager sends the action back; not found when not theirs to verify.</summary>
    public Task<Outcome> SendBackAsync(Actor actor, int id, Guid stamp, string reason, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, id, stamp, CanVerifyAsync, "SentBack", a => a.SendBack(actor.PersonId!.Value, reason, clock.GetUtcNow().UtcDateTime), a => a.VerificationNote, cancellationToken);

    /// <summary>The form field of one item's own value ("Items[3].DueDate"), or the whole form when the item names no row.</summary>
    private static string RowField(NewAction item, string name) => item.Field.Length == 0 ? "" : $"{item.Field}.{name}";

    /// <summary>A rule of raising that refused, as the domain error it has always been (<c>Error.{code}</c>, the whole form).</summary>
    private static Outcome Refused(string code, params object?[] arguments) =>
        Outcome.Invalid("", OutcomeError.DomainPrefix + code, arguments);

    private Task<Outcome> TransitionAsync(
        Actor actor, int id, Guid stamp, Func<Actor, CorrectiveAction, CancellationToken, Task<bool>> allowed,
        string auditAction, Action<CorrectiveAction> change, Func<CorrectiveAction, string?> detail, CancellationToken cancellationToken,
        IReadOnlyList<CheckedFile>? proof = null) =>
        Outcome.Of(async () =>
        {
            ArgumentNullException.ThrowIfNull(actor);
            var action = await db.CorrectiveActions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (action is null || actor.PersonId is null || !await allowed(actor, action, cancellationToken))
            {
                return Outcome.NotFound();
            }

            var oldStatus = action.Status;
            change(action);
            db.ExpectStamp(action, stamp);
            db.Audit(actor, clock.GetUtcNow().UtcDateTime, nameof(CorrectiveAction), action.Id, auditAction, oldStatus.ToString(), $"{action.Status}: {detail(action)}");
            await notifier.ActionAsync(action, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (proof is not { Count: > 0 })
            {
                await db.SaveOrConflictAsync(cancellationToken);
                return Outcome.Ok();
            }

            await db.SaveWithAttachmentsAsync(actor, clock.GetUtcNow().UtcDateTime, () =>
                attachments.AddAsync(actor, AttachmentOwner.Action(action.Id, action.InspectionId, action.IndicatorCode), proof, cancellationToken), cancellationToken);
            return Outcome.Ok();
        });

    private async Task<bool> CanReportDoneAsync(Actor actor, CorrectiveAction action, CancellationToken cancellationToken) =>
        actor.PersonId is { } person &&
        (action.OwnerId == person || await db.Teams.AnyAsync(t => t.Id == action.TeamId && t.LeadId == person, cancellationToken));

    private async Task<bool> CanVerifyAsync(Actor actor, CorrectiveAction action, CancellationToken cancellationToken) =>
        actor.PersonId is { } person &&
        (actor.IsManager || await db.Inspections.AnyAsync(i => i.RoundId == action.RoundId && i.TeamId == action.TeamId && i.InspectorId == person, cancellationToken));

    private Task<bool> IsSubmittedInspectorAsync(int personId, int roundId, int teamId, CancellationToken cancellationToken) =>
        db.Inspections.AnyAsync(i => i.RoundId == roundId && i.TeamId == teamId && i.InspectorId == personId
            && (i.Status == InspectionStatus.Submitted || i.Status == InspectionStatus.Disputed || i.Status == InspectionStatus.Confirmed), cancellationToken);

    private IQueryable<CorrectiveAction> Relevant(Actor actor)
    {
        if (actor.IsManager)
        {
            return db.CorrectiveActions;
        }

        var person = actor.PersonId;
        return db.CorrectiveActions.Where(a =>
            a.OwnerId == person
            || a.RaisedById == person
            || db.Teams.Any(t => t.Id == a.TeamId && t.LeadId == person)
            || db.Inspections.Any(i => i.RoundId == a.RoundId && i.TeamId == a.TeamId && i.InspectorId == person));
    }

    private IQueryable<ActionListItem> ToListItems(IQueryable<CorrectiveAction> query) =>
        from a in query.AsNoTracking()
        join r in db.Rounds on a.RoundId equals r.Id
        join t in db.Teams on a.TeamId equals t.Id
        join o in db.People on a.OwnerId equals o.Id
        select new ActionListItem(
            a.Id, r.Id, r.Name, t.Id, t.Name, a.IndicatorCode,
            db.PlanVersions.Where(v => v.Id == r.PlanVersionId)
                .SelectMany(v => v.Categories).SelectMany(c => c.Indicators)
                .Where(i => i.Code == a.IndicatorCode).Select(i => i.Name).FirstOrDefault(),
            a.Description, o.DisplayName, a.DueDate, a.Status, false, a.RaisedAt);
}
