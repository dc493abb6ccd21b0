using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Notifications;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>
/// The use cases of planning and running a round: save a draft, open, close, delete a draft, reassign and reopen
/// an inspection. Each loads the entities, lets them apply their rules, writes one audit entry and saves with the
/// concurrency stamp the user's page was built from.
/// </summary>
public sealed class RoundService(ServiceReviewDbContext db, TimeProvider clock, Notifier notifier)
{
    public const string RoundEntity = nameof(Round);
    public const string InspectionEntity = nameof(Inspection);

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Creates a draft round: ok with its id, or invalid with every refusal (a team's at
    /// <see cref="RoundFormViewModel.TeamErrorKey"/>, the round's for the whole form) and nothing saved.
    /// </summary>
    public Task<Outcome<int>> CreateDraftAsync(RoundDraftInput input, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        var round = new Round(input.Name, input.PeriodStart, input.PeriodEnd, input.PlanVersionId, input.WindowOpensAtUtc, input.WindowClosesAtUtc, input.Aggregation);
        var errors = await ApplyScopeAsync(round, input, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        // The audit entry names the round by its id, which the database gives on the first save: both saves
        // share one transaction (inside the execution strategy), so the round never exists without its "Created" entry.
        db.Rounds.Add(round);
        await db.SaveNewWithAuditAsync(() => db.Audit(actor, UtcNow, RoundEntity, round.Id, "Created", null, Describe(round)), cancellationToken);
        return Outcome.Ok(round.Id);
    });

    /// <summary>Changes a draft round: ok with its id, not found, conflict, or invalid as <see cref="CreateDraftAsync"/> (nothing saved).</summary>
    public Task<Outcome<int>> UpdateDraftAsync(int id, Guid stamp, RoundDraftInput input, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        if (await LoadRoundAsync(id, cancellationToken) is not { } round)
        {
            return Outcome.NotFound();
        }

        var before = Describe(round);
        db.ExpectStamp(round, stamp);
        round.Update(input.Name, input.PeriodStart, input.PeriodEnd, input.PlanVersionId, input.WindowOpensAtUtc, input.WindowClosesAtUtc, input.Aggregation);
        var errors = await ApplyScopeAsync(round, input, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        db.Audit(actor, UtcNow, RoundEntity, round.Id, "Updated", before, Describe(round));
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok(round.Id);
    });

    /// <summary>Opens the round: one inspection per (team, inspector), each with an entry per indicator of the plan; ok with their number.</summary>
    public Task<Outcome<int>> OpenAsync(int id, Guid stamp, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        if (await LoadRoundAsync(id, cancellationToken) is not { } round)
        {
            return Outcome.NotFound();
        }

        var plan = await db.PlanVersions
            .Include(v => v.Categories).ThenInclude(c => c.Indicators)
            .AsSplitQuery()
            .FirstAsync(v => v.Id == round.PlanVersionId, cancellationToken);
        var inspections = round.Open(plan, UtcNow);
        db.ExpectStamp(round, stamp);
        db.Inspections.AddRange(inspections);
        db.Audit(actor, UtcNow, RoundEntity, round.Id, "Opened", nameof(RoundStatus.Draft),
            string.Create(CultureInfo.InvariantCulture, $"{nameof(RoundStatus.Open)}; {inspections.Count} inspections"));
        notifier.RoundOpened(round, inspections, UtcNow);
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok(inspections.Count);
    });

    /// <summary>Closes an open round now (a manager's decision, or the window's end through <see cref="RoundAutoCloser"/>).</summary>
    public Task<Outcome> CloseAsync(int id, Guid stamp, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        if (await LoadRoundAsync(id, cancellationToken) is not { } round)
        {
            return Outcome.NotFound();
        }

        round.Close(UtcNow);
        db.ExpectStamp(round, stamp);
        db.Audit(actor, UtcNow, RoundEntity, round.Id, "Closed", nameof(RoundStatus.Open), nameof(RoundStatus.Closed));
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok();
    });

    /// <summary>Deletes a draft round with its teams and assignments.</summary>
    public Task<Outcome> DeleteDraftAsync(int id, Guid stamp, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        if (await LoadRoundAsync(id, cancellationToken) is not { } round)
        {
            return Outcome.NotFound();
        }

        round.EnsureCanBeDeleted();
        db.ExpectStamp(round, stamp);
        db.Audit(actor, UtcNow, RoundEntity, round.Id, "Deleted", Describe(round), null);
        db.Rounds.Remove(round);
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok();
    });

    /// <summary>Gives an unstarted inspection of an open round to another inspector (no conflict of interest).</summary>
    public Task<Outcome> ReassignAsync(int roundId, int inspectionId, Guid stamp, int inspectorId, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        if (await LoadInspectionAsync(roundId, inspectionId, cancellationToken) is not { } inspection
            || await LoadRoundAsync(roundId, cancellationToken) is not { } round)
        {
            return Outcome.NotFound();
        }

        var team = await db.Teams.Include(t => t.Members).FirstAsync(t => t.Id == inspection.TeamId, cancellationToken);
        var people = await db.People.Where(p => p.Id == inspectorId || p.Id == inspection.InspectorId).ToListAsync(cancellationToken);
        var inspector = people.FirstOrDefault(p => p.Id == inspectorId)
            ?? throw new DomainException("Round.NotAnInspector", "{0} is not an active inspector.", inspectorId);
        var previous = people.FirstOrDefault(p => p.Id == inspection.InspectorId)?.DisplayName ?? inspection.InspectorId.ToString(CultureInfo.InvariantCulture);

        db.ExpectStamp(inspection, stamp);
        round.Reassign(inspection, team, inspector);
        db.Audit(actor, UtcNow, InspectionEntity, inspection.Id, "Reassigned", previous, inspector.DisplayName);
        notifier.Reassigned(inspection, UtcNow);
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok();
    });

    /// <summary>
    /// Gives several unstarted inspections of this open round to one inspector, all or none (one SaveChanges, one
    /// transaction): each must pass the rules of <see cref="ReassignAsync"/> — and each is audited and notified as
    /// that one is. When any cannot be reassigned nothing changes and the outcome names every one that could not,
    /// its field the inspection's id, its key the rule that refused it.
    /// </summary>
    public Task<Outcome<int>> ReassignSeveralAsync(int roundId, IReadOnlyList<ReassignItem> items, int inspectorId, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        ArgumentNullException.ThrowIfNull(items);
        if (await LoadRoundAsync(roundId, cancellationToken) is not { } round)
        {
            return Outcome.NotFound();
        }

        if (items.Count == 0)
        {
            return Outcome.Invalid("", "Rounds.ReassignSeveral.NoneChosen");
        }

        var ids = items.Select(i => i.InspectionId).Distinct().ToList();
        var inspections = await db.Inspections.Where(i => i.RoundId == roundId && ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var teamIds = inspections.Values.Select(i => i.TeamId).Distinct().ToList();
        var teams = await db.Teams.Include(t => t.Members).Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var personIds = inspections.Values.Select(i => i.InspectorId).Append(inspectorId).Distinct().ToList();
        var people = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        if (!people.TryGetValue(inspectorId, out var inspector))
        {
            return Outcome.Invalid("", OutcomeError.DomainPrefix + "Round.NotAnInspector", inspectorId);
        }

        var errors = new List<OutcomeError>();
        var moved = new List<(Inspection Inspection, string Previous)>();
        foreach (var item in items.DistinctBy(i => i.InspectionId))
        {
            var field = item.InspectionId.ToString(CultureInfo.InvariantCulture);
            if (!inspections.TryGetValue(item.InspectionId, out var inspection))
            {
                errors.Add(OutcomeError.Of(field, "Rounds.ReassignSeveral.NotFound"));
                continue;
            }

            if (inspection.ConcurrencyStamp != item.ConcurrencyStamp)
            {
                errors.Add(OutcomeError.Of(field, "Rounds.ReassignSeveral.Changed"));
                continue;
            }

            var previous = people.GetValueOrDefault(inspection.InspectorId)?.DisplayName ?? inspection.InspectorId.ToString(CultureInfo.InvariantCulture);
            try
            {
                var before = inspection.InspectorId;
                round.Reassign(inspection, teams[inspection.TeamId], inspector);
                db.ExpectStamp(inspection, item.ConcurrencyStamp);
                if (before != inspection.InspectorId)
                {
                    moved.Add((inspection, previous));
                }
            }
            catch (DomainException ex)
            {
                errors.Add(OutcomeError.Domain(ex, field));
            }
        }

        if (errors.Count > 0)
        {
            // All or none: the changes made to the tracked entities so far are dropped, not saved.
            db.ChangeTracker.Clear();
            return Outcome.Invalid(errors);
        }

        foreach (var (inspection, previous) in moved)
        {
            db.Audit(actor, UtcNow, InspectionEntity, inspection.Id, "Reassigned", previous, inspector.DisplayName);
            notifier.Reassigned(inspection, UtcNow);
        }

        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok(moved.Count);
    });

    /// <summary>A manager's reminder is not repeated to the same inspector for the same round within this time.</summary>
    public static readonly TimeSpan RemindAgainAfter = TimeSpan.FromHours(12);

    /// <summary>
    /// Reminds the inspectors of overdue inspections (<see cref="RoundQueries.Overdue"/>) — of one round, or of every
    /// round whose window closed within <see cref="RoundQueries.OverdueLookBack"/> when <paramref name="roundId"/> is
    /// null — each inspector once per round, through the notifications (and so the e-mail outbox). An inspector
    /// reminded of that round within <see cref="RemindAgainAfter"/> (by a manager or the reminder job) is skipped.
    /// One audit entry per round names who was reminded. Not found only for an unknown round.
    /// </summary>
    public async Task<Outcome<LateReminderResult>> RemindLateAsync(int? roundId, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        if (roundId is { } id && !await db.Rounds.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return Outcome.NotFound();
        }

        var overdue = roundId is { } one
            ? RoundQueries.Overdue(db, now).Where(i => i.RoundId == one)
            : RoundQueries.Overdue(db, now, now - RoundQueries.OverdueLookBack);
        var late = await overdue.Select(i => new { i.Id, i.RoundId, i.InspectorId }).ToListAsync(cancellationToken);
        var roundIds = late.Select(l => l.RoundId).Distinct().ToList();
        var inspectionIds = late.Select(l => l.Id).ToList();
        var roundOf = late.ToDictionary(l => l.Id, l => l.RoundId);
        var since = now - RemindAgainAfter;
        var recent = (await db.Notifications.AsNoTracking()
                .Where(n => n.Kind == NotificationKind.Overdue && n.CreatedAt >= since
                    && ((n.SubjectType == RoundEntity && roundIds.Contains(n.SubjectId)) || (n.SubjectType == InspectionEntity && inspectionIds.Contains(n.SubjectId))))
                .Select(n => new { n.SubjectType, n.SubjectId, n.RecipientId })
                .ToListAsync(cancellationToken))
            .Select(n => n.SubjectType == RoundEntity
                ? (n.SubjectId, n.RecipientId)
                : (roundOf[n.SubjectId], n.RecipientId))
            .ToHashSet();

        var reminded = 0;
        var skipped = 0;
        foreach (var group in late.GroupBy(l => l.RoundId).OrderBy(g => g.Key))
        {
            var inspectors = group.Select(l => l.InspectorId).Distinct().Order().ToList();
            var told = inspectors.Where(p => !recent.Contains((group.Key, p))).ToList();
            foreach (var inspector in told)
            {
                notifier.RemindedOverdue(group.Key, inspector, now);
            }

            reminded += told.Count;
            skipped += inspectors.Count - told.Count;
            if (told.Count > 0)
            {
                db.Audit(actor, now, RoundEntity, group.Key, "RemindedLate", null,
                    string.Create(CultureInfo.InvariantCulture, $"inspectors {string.Join(",", told)}; skipped (reminded within {RemindAgainAfter.TotalHours:0} h) {inspectors.Count - told.Count}"));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(new LateReminderResult(reminded, skipped));
    }

    /// <summary>Reopens an inspection with a reason, so that it can be (re)submitted, late if the window has closed.</summary>
    public Task<Outcome> ReopenAsync(int roundId, int inspectionId, Guid stamp, string? reason, Actor actor, CancellationToken cancellationToken = default) => Outcome.Of(async () =>
    {
        if (await LoadInspectionAsync(roundId, inspectionId, cancellationToken) is not { } inspection)
        {
            return Outcome.NotFound();
        }

        var before = inspection.Status;
        db.ExpectStamp(inspection, stamp);
        inspection.Reopen(reason ?? "");
        db.Audit(actor, UtcNow, InspectionEntity, inspection.Id, "Reopened", before.ToString(), $"{inspection.Status}: {inspection.ReopenReason}");
        await db.SaveOrConflictAsync(cancellationToken);
        return Outcome.Ok();
    });

    private static string Describe(Round round) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{round.Name}; {round.PeriodStart:yyyy-MM-dd}..{round.PeriodEnd:yyyy-MM-dd}; plan {round.PlanVersionId}; window {round.WindowOpensAt:yyyy-MM-dd HH:mm}Z..{round.WindowClosesAt:yyyy-MM-dd HH:mm}Z; {round.Aggregation}; "
            + $"teams {string.Join(",", round.Teams.Select(t => t.TeamId).Order())}; "
            + $"assignments {string.Join(",", round.Assignments.OrderBy(a => a.TeamId).ThenBy(a => a.InspectorId).Select(a => $"{a.TeamId}:{a.InspectorId}"))}");

    /// <summary>Puts the chosen teams and inspectors on the round through its rules and collects every refusal, per team.</summary>
    private async Task<List<OutcomeError>> ApplyScopeAsync(Round round, RoundDraftInput input, CancellationToken cancellationToken)
    {
        var errors = new List<OutcomeError>();
        var planStatus = await db.PlanVersions.Where(v => v.Id == input.PlanVersionId).Select(v => (PlanVersionStatus?)v.Status).FirstOrDefaultAsync(cancellationToken);
        if (planStatus != PlanVersionStatus.Published)
        {
            errors.Add(OutcomeError.Of("", OutcomeError.DomainPrefix + "Round.PlanNotPublished"));
        }

        var teamIds = input.Teams.Select(t => t.TeamId).Distinct().ToList();
        if (teamIds.Count == 0)
        {
            errors.Add(OutcomeError.Of("", OutcomeError.DomainPrefix + "Round.NoTeams"));
        }

        var teams = await db.Teams.Include(t => t.Members).Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var inspectorIds = input.Teams.SelectMany(t => t.InspectorIds).Distinct().ToList();
        var inspectors = await db.People.Where(p => inspectorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        round.ChangeTeams(teamIds.Where(teams.ContainsKey));
        foreach (var choice in input.Teams)
        {
            if (!teams.TryGetValue(choice.TeamId, out var team))
            {
                errors.Add(OutcomeError.Of(RoundFormViewModel.TeamErrorKey(choice.TeamId), OutcomeError.DomainPrefix + "Round.TeamNotFound", choice.TeamId));
                continue;
            }

            var wanted = choice.InspectorIds.Distinct().ToList();
            if (wanted.Count == 0)
            {
                errors.Add(OutcomeError.Of(RoundFormViewModel.TeamErrorKey(team.Id), OutcomeError.DomainPrefix + "Round.TeamWithoutInspector", team.Name));
            }

            foreach (var gone in round.Assignments.Where(a => a.TeamId == team.Id && !wanted.Contains(a.InspectorId)).ToList())
            {
                round.Unassign(team.Id, gone.InspectorId);
            }

            foreach (var inspectorId in wanted)
            {
                if (!inspectors.TryGetValue(inspectorId, out var inspector))
                {
                    errors.Add(OutcomeError.Of(RoundFormViewModel.TeamErrorKey(team.Id), OutcomeError.DomainPrefix + "Round.NotAnInspector", inspectorId));
                    continue;
                }

                // Every refusal is collected (per team), not only the first.
                var assigned = await Outcome.Of(() =>
                {
                    round.Assign(team, inspector);
                    return Task.FromResult(Outcome.Ok());
                });
                errors.AddRange(assigned.Errors.Select(e => e with { Field = RoundFormViewModel.TeamErrorKey(team.Id) }));
            }
        }

        return errors;
    }

    private Task<Round?> LoadRoundAsync(int id, CancellationToken cancellationToken) =>
        db.Rounds.Include(r => r.Teams).Include(r => r.Assignments).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    private Task<Inspection?> LoadInspectionAsync(int roundId, int inspectionId, CancellationToken cancellationToken) =>
        db.Inspections.Include(i => i.Entries).FirstOrDefaultAsync(i => i.Id == inspectionId && i.RoundId == roundId, cancellationToken);
}

/// <summary>How many inspectors a late reminder told, and how many it skipped because they were reminded just before.</summary>
public sealed record LateReminderResult(int Reminded, int SkippedRecently);
