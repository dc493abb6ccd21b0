using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Analytics.Calibration;

/// <summary>An exercise in a list: what it judges, its state, and where the viewer stands.</summary>
public sealed record CalibrationSummary(
    int Id, string Name, string Team, DateOnly PeriodStart, DateOnly PeriodEnd, CalibrationStatus Status,
    int Participants, int Scored, bool? MineScored, bool IAmReference);

/// <summary>What the manager may choose from when setting an exercise.</summary>
public sealed record CalibrationChoices(
    IReadOnlyList<(int Id, string Name)> Teams, IReadOnlyList<(int Id, string Name)> Inspectors, IReadOnlyList<(int Id, string Name)> PlanVersions);

/// <summary>A new exercise as the manager fills it in.</summary>
public sealed record NewCalibration(string Name, int TeamId, int PlanVersionId, DateOnly PeriodStart, DateOnly PeriodEnd, bool CountsTowardBias, IReadOnlyList<int> InspectorIds);

/// <summary>
/// One exercise as a participant or a manager sees it; <see cref="Spread"/> only once revealed. <see cref="Measured"/>
/// holds the figure of each measured indicator (by code) computed from the team's service records, and
/// <see cref="Prefill"/> the input it suggests, as on the inspection form.
/// </summary>
public sealed record CalibrationView(
    CalibrationExercise Exercise, PlanVersion Plan, string Team, IReadOnlyDictionary<int, string> Names,
    IReadOnlyList<SpreadRow>? Spread, bool CanScore, bool CanReveal)
{
    public IReadOnlyDictionary<string, MeasuredFigure> Measured { get; init; } = new Dictionary<string, MeasuredFigure>();

    public IReadOnlyDictionary<string, IndicatorInput> Prefill { get; init; } = new Dictionary<string, IndicatorInput>();
}

/// <summary>
/// Calibration exercises (校准): the manager sets one on a team's records, participants score it blind, the manager
/// reveals the spread against the reference. Never part of a team's results; part of bias only when chosen.
/// Every change is audited in the same save. Measured indicators are filled from the team's service records by
/// <see cref="IMeasuredFigures"/>, as of the moment the exercise was set (so every participant sees the same figures),
/// and replacing a figure needs a note, as on the inspection form.
/// </summary>
public sealed class CalibrationService(ServiceReviewDbContext db, TimeProvider clock, IMeasuredFigures measuredFigures, PlanVersionCache plans)
{
    /// <summary>
    /// One page of the exercises the person may see (managers all; others those they take part in), newest first;
    /// <paramref name="search"/> matches the exercise's name or team.
    /// </summary>
    public async Task<Paged<CalibrationSummary>> ListAsync(Actor actor, string? search, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (personId, isManager) = (actor.PersonId, actor.IsManager);
        var q = PagingExtensions.NormaliseSearch(search);
        var page = await db.CalibrationExercises.AsNoTracking().Include(c => c.Scores)
            .Where(c => isManager || c.Scores.Any(s => s.PersonId == personId))
            .Where(c => q == null || c.Name.Contains(q) || db.Teams.Any(t => t.Id == c.TeamId && t.Name.Contains(q)))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .ToPagedAsync(request, cancellationToken);
        var teamIds = page.Items.Select(c => c.TeamId).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return page.Map(c =>
        {
            var mine = personId is { } p ? c.ScoreOf(p) : null;
            return new CalibrationSummary(c.Id, c.Name, teams.GetValueOrDefault(c.TeamId) ?? "", c.PeriodStart, c.PeriodEnd, c.Status,
                c.Scores.Count, c.Scores.Count(s => s.SubmittedAt is not null), mine is null ? null : mine.SubmittedAt is not null, mine?.IsReference == true);
        });
    }

    public async Task<CalibrationChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            .Select(t => (t.Id, t.Name)).ToList();
        var inspectors = (await db.People.AsNoTracking().Where(p => p.IsActive && p.InspectorProfile != null)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.DisplayName, p.Email }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, $"{p.DisplayName} ({p.Email})")).ToList();
        var plans = (await db.PlanVersions.AsNoTracking().Where(v => v.Status == PlanVersionStatus.Published)
                .OrderByDescending(v => v.Id).Select(v => new { v.Id, v.Name, v.Number }).ToListAsync(cancellationToken))
            .Select(v => (v.Id, $"{v.Name} v{v.Number}")).ToList();
        return new CalibrationChoices(teams, inspectors, plans);
    }

    /// <summary>
    /// Creates the exercise with the acting manager as the reference: its id, or invalid with the refusal (no person
    /// behind the account, an unknown team or plan, or what the exercise itself refuses).
    /// </summary>
    public async Task<Outcome<int>> CreateAsync(Actor actor, NewCalibration form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        if (actor.PersonId is not { } reference)
        {
            return Refused(CalibrationRefusal.NoPerson);
        }

        if (!await db.Teams.AnyAsync(t => t.Id == form.TeamId, cancellationToken))
        {
            return Refused(CalibrationRefusal.UnknownTeam);
        }

        if (!await db.PlanVersions.AnyAsync(v => v.Id == form.PlanVersionId && v.Status == PlanVersionStatus.Published, cancellationToken))
        {
            return Refused(CalibrationRefusal.UnknownPlan);
        }

        return Worded(await Outcome.Of<int>(() => CreateExerciseAsync(actor, reference, form, cancellationToken)));
    }

    private async Task<Outcome<int>> CreateExerciseAsync(Actor actor, int reference, NewCalibration form, CancellationToken cancellationToken)
    {

        var inspectorIds = form.InspectorIds.Distinct().ToList();
        var known = await db.People.Where(p => inspectorIds.Contains(p.Id) && p.IsActive && p.InspectorProfile != null).Select(p => p.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var exercise = new CalibrationExercise(form.Name, form.TeamId, form.PlanVersionId, form.PeriodStart, form.PeriodEnd,
            form.CountsTowardBias, reference, known, now);
        db.CalibrationExercises.Add(exercise);
        await db.SaveNewWithAuditAsync(
            () => db.Audit(actor, now, nameof(CalibrationExercise), exercise.Id, "CalibrationCreated", null,
                $"{exercise.Name}; team {exercise.TeamId}; {exercise.PeriodStart:yyyy-MM-dd}–{exercise.PeriodEnd:yyyy-MM-dd}; inspectors {string.Join(",", known)}; countsTowardBias {exercise.CountsTowardBias}"),
            cancellationToken);
        return exercise.Id;
    }

    /// <summary>The exercise for a participant or a manager; null when the actor may not see it (404).</summary>
    public async Task<CalibrationView?> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (personId, isManager) = (actor.PersonId, actor.IsManager);
        var exercise = await db.CalibrationExercises.AsNoTracking()
            .Include(c => c.Scores).ThenInclude(s => s.Entries)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (exercise is null || !(isManager || (personId is { } p && exercise.IsParticipant(p))))
        {
            return null;
        }

        var plan = await plans.GetAsync(db, exercise.PlanVersionId, cancellationToken);
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == exercise.TeamId).Select(t => t.Name).FirstAsync(cancellationToken);
        var ids = exercise.Scores.Select(s => s.PersonId).ToList();
        var names = await db.People.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, cancellationToken);
        var mine = personId is { } me ? exercise.ScoreOf(me) : null;
        var revealed = exercise.Status == CalibrationStatus.Revealed;
        var canScore = !revealed && mine is not null && mine.SubmittedAt is null;
        var measured = canScore ? await MeasuredAsync(exercise, plan, cancellationToken) : new Dictionary<string, MeasuredFigure>();
        var prefill = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
        foreach (var (code, figure) in measured)
        {
            if (MeasuredInput.For(plan.FindIndicator(code)!, figure) is { } input)
            {
                prefill[code] = input;
            }
        }

        return new CalibrationView(
            exercise, plan, team, names,
            revealed ? CalibrationSpread.Compute(exercise, plan) : null,
            CanScore: canScore,
            CanReveal: !revealed && isManager)
        {
            Measured = measured,
            Prefill = prefill,
        };
    }

    /// <summary>
    /// The figure of each measured indicator of the plan, by code, for the exercise's team and period, as of the moment
    /// the exercise was set. Not stored: computed again from the records each time (the same moment gives the same figures).
    /// </summary>
    private async Task<Dictionary<string, MeasuredFigure>> MeasuredAsync(CalibrationExercise exercise, PlanVersion plan, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, MeasuredFigure>(StringComparer.Ordinal);
        var indicators = plan.IndicatorsInOrder().Where(i => i.Measure is not null).ToList();
        if (indicators.Count == 0)
        {
            return result;
        }

        var figures = await measuredFigures.ComputeAsync(exercise.TeamId, exercise.PeriodStart, exercise.PeriodEnd, exercise.CreatedAt, cancellationToken);
        foreach (var indicator in indicators)
        {
            if (figures.TryGetValue(indicator.Measure!.Value, out var figure))
            {
                result[indicator.Code] = figure;
            }
        }

        return result;
    }

    /// <summary>
    /// Hands in a participant's score: ok, not found (for anyone but a participant), a conflict, or invalid with the
    /// refusal (a second submit, revealed meanwhile, an input the plan refuses).
    /// </summary>
    public async Task<Outcome> SubmitAsync(Actor actor, int id, Guid stamp, IReadOnlyDictionary<string, IndicatorInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var exercise = await db.CalibrationExercises.Include(c => c.Scores).ThenInclude(s => s.Entries).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (exercise is null || actor.PersonId is not { } personId || !exercise.IsParticipant(personId))
        {
            return Outcome.NotFound();
        }

        var plan = await plans.GetAsync(db, exercise.PlanVersionId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.ExpectStamp(exercise, stamp);
        var measured = await MeasuredAsync(exercise, plan, cancellationToken);
        return Worded(await Outcome.Of(async () =>
        {
            // A participant who replaces a measured figure must say why, as on the inspection form.
            var marked = inputs.ToDictionary(i => i.Key, i => MeasuredInput.Marked(measured.GetValueOrDefault(i.Key), i.Value), StringComparer.Ordinal);
            exercise.Submit(personId, marked, plan, now);
            var score = exercise.ScoreOf(personId)!;
            db.Audit(actor, now, nameof(CalibrationExercise), exercise.Id, "CalibrationScored", null,
                string.Create(CultureInfo.InvariantCulture, $"person {personId}; total {score.Total}; before veto {score.TotalBeforeVeto}; reference {score.IsReference}"));
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok();
        }));
    }

    /// <summary>
    /// The manager reveals the scores and decides whether they count toward bias: ok, not found, a conflict, or invalid
    /// with the refusal (no reference score, too few scores, revealed already).
    /// </summary>
    public async Task<Outcome> RevealAsync(Actor actor, int id, Guid stamp, bool countsTowardBias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var exercise = await db.CalibrationExercises.Include(c => c.Scores).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (exercise is null)
        {
            return Outcome.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.ExpectStamp(exercise, stamp);
        return Worded(await Outcome.Of(async () =>
        {
            exercise.Reveal(countsTowardBias, now);
            db.Audit(actor, now, nameof(CalibrationExercise), exercise.Id, "CalibrationRevealed", nameof(CalibrationStatus.Open),
                $"{nameof(CalibrationStatus.Revealed)}; countsTowardBias {countsTowardBias}");
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok();
        }));
    }

    /// <summary>The resource of a calibration refusal: this feature's own text (<c>Calibration.Refusal.{Reason}</c>).</summary>
    public static string RefusalKey(CalibrationRefusal reason) => RefusalPrefix + reason;

    private const string RefusalPrefix = "Calibration.Refusal.";

    private static Outcome Refused(CalibrationRefusal reason) => Outcome.Invalid("", RefusalKey(reason));

    // Calibration refusals carry this feature's own texts; a refused input the inspection form's words
    // (Inspections.Input.{Code}); anything else the domain translations (Error.{Code}).
    private static Outcome Worded(Outcome outcome) =>
        outcome.Status == OutcomeStatus.Invalid ? Outcome.Invalid(outcome.Errors.SelectMany(Worded)) : outcome;

    private static Outcome<T> Worded<T>(Outcome<T> outcome) =>
        outcome.Status == OutcomeStatus.Invalid ? Outcome.Invalid(outcome.Errors.SelectMany(Worded)) : outcome;

    // An incomplete sheet: one line for the indicators not scored, one for those whose note is missing (only the
    // lines that have codes), in this feature's words.
    private static IEnumerable<OutcomeError> Worded(OutcomeError error) => error.DomainCode switch
    {
        "Scoring.Incomplete" => new[] { (Key: "Calibration.Incomplete.NotScored", Argument: 0), (Key: "Calibration.Incomplete.NoteRequired", Argument: 1) }
            .Where(part => error.Arguments.ElementAtOrDefault(part.Argument) is string { Length: > 0 })
            .Select(part => OutcomeError.Of(error.Field, part.Key, error.Arguments[part.Argument])),
        _ => [WordedOne(error)],
    };

    private static OutcomeError WordedOne(OutcomeError error) => error.DomainCode switch
    {
        { } code when code.StartsWith("Calibration.", StringComparison.Ordinal) => error with { Key = RefusalPrefix + code["Calibration.".Length..], Arguments = [] },
        // Not an input's fault but the whole sheet's: the domain's words.
        "Scoring.NothingApplicable" => error,
        { } code when code.StartsWith("Scoring.", StringComparison.Ordinal) || code == "Inspection.UnknownIndicator" => error with { Key = "Inspections.Input." + code },
        _ => error,
    };
}
