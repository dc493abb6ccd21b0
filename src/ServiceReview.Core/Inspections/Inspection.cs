using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Inspections;

public enum InspectionStatus
{
    /// <summary>Created when the round opened; nothing entered yet.</summary>
    Assigned,

    /// <summary>The inspector has saved a draft.</summary>
    InProgress,

    /// <summary>Submitted by the inspector, waiting for the team lead's review.</summary>
    Submitted,

    /// <summary>The team lead disputed some indicators; a manager arbitrates.</summary>
    Disputed,

    /// <summary>Confirmed by the lead or by arbitration: counts in the team's result. Immutable from here.</summary>
    Confirmed,
}

/// <summary>
/// An inspection record (检查记录表): one inspector's checklist for one team in one round. It keeps the inputs,
/// the points each earned, the category scores and the total as the scoring engine computed them at submission.
/// </summary>
public sealed class Inspection : Entity, IConcurrencyStamped
{
    private readonly List<InspectionEntry> _entries = [];
    private readonly List<InspectionCategoryScore> _categoryScores = [];

    private Inspection()
    {
    }

    public Inspection(int roundId, int teamId, int inspectorId, int planVersionId, IEnumerable<string> indicatorCodes)
    {
        // Entries exist from the start, so that drafts update rows (and two writers meet the concurrency check)
        // rather than race to insert them.
        _entries.AddRange(indicatorCodes.Select(code => new InspectionEntry(code)));
        RoundId = roundId;
        TeamId = teamId;
        InspectorId = inspectorId;
        PlanVersionId = planVersionId;
        Status = InspectionStatus.Assigned;
    }

    public int RoundId { get; private set; }

    public int TeamId { get; private set; }

    public int InspectorId { get; private set; }

    public int PlanVersionId { get; private set; }

    public InspectionStatus Status { get; private set; }

    public DateTime? StartedAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public DateTime? ConfirmedAt { get; private set; }

    /// <summary>Time the inspector spent in the form, summed over sessions (the seed asks to control inspection time).</summary>
    public int TimeSpentSeconds { get; private set; }

    public decimal? Total { get; private set; }

    public decimal? TotalBeforeVeto { get; private set; }

    public string? Grade { get; private set; }

    public string? VetoedBy { get; private set; }

    /// <summary>Submitted after the inspection window closed (allowed only after a manager reopened it).</summary>
    public bool IsLate { get; private set; }

    /// <summary>Set when a manager reopened the inspection; allows submission after the window closed.</summary>
    public string? ReopenReason { get; private set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public IReadOnlyList<InspectionEntry> Entries => _entries;

    public IReadOnlyList<InspectionCategoryScore> CategoryScores => _categoryScores;

    public bool IsEditable => Status is InspectionStatus.Assigned or InspectionStatus.InProgress;

    /// <summary>
    /// The inspector has handed in their own score (submitted, disputed or confirmed). Only then may they see the other
    /// inspectors' totals for the same team and round: each scores independently (blind) until they submit.
    /// </summary>
    public bool HasBeenSubmitted => Status is InspectionStatus.Submitted or InspectionStatus.Disputed or InspectionStatus.Confirmed;

    /// <summary>True once any measured figure has been put into an entry (so it is not computed again on every opening).</summary>
    public bool HasMeasuredFigures => _entries.Any(e => e.MeasuredValue is not null || e.MeasuredDenominator is not null || e.MeasuredNumerator is not null);

    /// <summary>Gives an unstarted inspection to another inspector.</summary>
    public void Reassign(int inspectorId)
    {
        if (Status != InspectionStatus.Assigned)
        {
            throw new DomainException("Inspection.AlreadyStarted", "Only an unstarted inspection can be reassigned.");
        }

        InspectorId = inspectorId;
    }

    /// <summary>Records what the inspector entered so far (a draft). Indicators not named keep their entry.</summary>
    public void SaveDraft(IEnumerable<KeyValuePair<string, IndicatorInput>> inputs, int secondsSpent, DateTime utcNow)
    {
        EnsureEditable();
        ArgumentOutOfRangeException.ThrowIfNegative(secondsSpent);
        foreach (var (code, input) in inputs)
        {
            EntryFor(code).SetInput(input);
        }

        TimeSpentSeconds += secondsSpent;
        StartedAt ??= utcNow;
        Status = InspectionStatus.InProgress;
    }

    /// <summary>Puts the value computed from service records into a measured indicator's entry.</summary>
    public void SetMeasured(string indicatorCode, MeasuredFigure figure)
    {
        EnsureEditable();
        EntryFor(indicatorCode).SetMeasured(figure);
    }

    /// <summary>
    /// Submits the record: scores its entries against <paramref name="plan"/> with the engine and records the score.
    /// Refused with <c>Inspection.AlreadySubmitted</c> a second time, <c>Inspection.WindowClosed</c> out of the
    /// round's window (unless reopened), and the score's own refusals (<see cref="ScoreResult.EnsureSubmittable"/>).
    /// </summary>
    public ScoreResult Submit(PlanVersion plan, Round round, DateTime utcNow)
    {
        var attempt = TrySubmit(plan, round, utcNow);
        if (attempt.WindowClosed)
        {
            throw new DomainException("Inspection.WindowClosed", "The inspection window is closed.");
        }

        attempt.Score.EnsureSubmittable();
        return attempt.Score;
    }

    /// <summary>
    /// Submits the record if it may be submitted now, else leaves it as it is and says why (a refused submit keeps the
    /// draft): the score of the entries (its <see cref="ScoreResult.Missing"/> and <see cref="ScoreResult.MissingEvidence"/>
    /// name what to fix) and whether the window refused it. A second submission is an illegal transition and throws
    /// <c>Inspection.AlreadySubmitted</c>.
    /// </summary>
    public SubmitAttempt TrySubmit(PlanVersion plan, Round round, DateTime utcNow)
    {
        EnsureNotSubmitted();
        ArgumentNullException.ThrowIfNull(round);
        var score = Score(plan);
        var window = round.SubmissionWindowFor(this, utcNow);
        if (!window.AcceptsSubmission() || !score.IsComplete || score.NothingApplicable)
        {
            return new SubmitAttempt(score, Submitted: false, WindowClosed: !window.AcceptsSubmission());
        }

        RecordScore(score);
        IsLate = window.IsLate();
        SubmittedAt = utcNow;
        StartedAt ??= utcNow;
        Status = InspectionStatus.Submitted;
        return new SubmitAttempt(score, Submitted: true, WindowClosed: false);
    }

    /// <summary>Refuses a second submission (<c>Inspection.AlreadySubmitted</c>): submitted, disputed and confirmed records are handed in.</summary>
    public void EnsureNotSubmitted()
    {
        if (HasBeenSubmitted)
        {
            throw new DomainException("Inspection.AlreadySubmitted", "This inspection has already been submitted.");
        }
    }

    /// <summary>The engine's score of the entries as they stand, against the inspection's own plan version.</summary>
    public ScoreResult Score(PlanVersion plan)
    {
        EnsureOwnPlan(plan);
        return ScoringEngine.Score(plan, Inputs());
    }

    /// <summary>
    /// The live preview: the score this record would have with <paramref name="inputs"/> (what the form holds now),
    /// each input marked as overriding its indicator's measured figure where it does (<see cref="MeasuredInput.Marked"/>),
    /// so the evidence rule asks for the override's note. Changes nothing.
    /// </summary>
    public ScorePreview Preview(PlanVersion plan, IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        EnsureOwnPlan(plan);
        ArgumentNullException.ThrowIfNull(inputs);
        var marked = inputs.ToDictionary(
            i => i.Key,
            i => MeasuredInput.Marked(_entries.FirstOrDefault(e => e.IndicatorCode == i.Key)?.Measured, i.Value),
            StringComparer.Ordinal);
        var overridden = plan.IndicatorsInOrder()
            .Where(i => marked.TryGetValue(i.Code, out var input) && input.MeasuredOverridden)
            .Select(i => i.Code)
            .ToList();
        return new ScorePreview(ScoringEngine.Score(plan, marked), overridden);
    }

    /// <summary>The team lead confirms the submitted result (确认).</summary>
    public void Confirm(DateTime utcNow)
    {
        if (Status != InspectionStatus.Submitted)
        {
            throw new DomainException("Inspection.NotSubmitted", "Only a submitted inspection can be confirmed.");
        }

        Status = InspectionStatus.Confirmed;
        ConfirmedAt = utcNow;
    }

    /// <summary>The team lead disputes some indicators; the inspection waits for arbitration.</summary>
    public Dispute Dispute(int raisedById, IEnumerable<(string IndicatorCode, string Reason)> items, DateTime utcNow)
    {
        if (Status != InspectionStatus.Submitted)
        {
            throw new DomainException("Inspection.NotSubmitted", "Only a submitted inspection can be disputed.");
        }

        var dispute = new Dispute(Id, raisedById, items, utcNow, _entries.Select(e => e.IndicatorCode).ToHashSet());
        Status = InspectionStatus.Disputed;
        return dispute;
    }

    /// <summary>
    /// A manager's ruling (<paramref name="ruled"/>, already decided) ends the dispute: changed inputs (possibly none)
    /// are applied, the record is scored again against <paramref name="plan"/>, and the inspection becomes confirmed.
    /// Each disputed item keeps, as facts, the input and points before the ruling and after it (ADR 0023).
    /// </summary>
    public void Arbitrate(Dispute ruled, IEnumerable<KeyValuePair<string, IndicatorInput>> changedInputs, PlanVersion plan, DateTime utcNow)
    {
        if (Status != InspectionStatus.Disputed)
        {
            throw new DomainException("Inspection.NotDisputed", "Only a disputed inspection can be arbitrated.");
        }

        if (ruled.Status != DisputeStatus.Ruled || ruled.InspectionId != Id)
        {
            throw new InvalidOperationException("Arbitrate with the inspection's own dispute, once it is ruled.");
        }

        EnsureOwnPlan(plan);
        var original = ruled.Items.ToDictionary(i => i.IndicatorCode, i => EntryFor(i.IndicatorCode).Snapshot(), StringComparer.Ordinal);
        foreach (var (code, input) in changedInputs)
        {
            EntryFor(code).SetInput(input);
        }

        var score = Score(plan);
        score.EnsureSubmittable();
        RecordScore(score);
        Status = InspectionStatus.Confirmed;
        ConfirmedAt = utcNow;
        foreach (var item in ruled.Items)
        {
            var before = original[item.IndicatorCode];
            item.RecordScores(before, item.Outcome == DisputeOutcome.Upheld ? before : EntryFor(item.IndicatorCode).Snapshot());
        }
    }

    /// <summary>A manager reopens a submitted or confirmed inspection (or a late one) with a reason.</summary>
    public void Reopen(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Inspection.ReopenReasonRequired", "Reopening an inspection needs a reason.");
        }

        if (Status == InspectionStatus.Disputed)
        {
            throw new DomainException("Inspection.DisputePending", "Arbitrate the dispute before reopening.");
        }

        ReopenReason = reason.Trim();
        Status = _entries.All(e => e.Input.IsEmpty) ? InspectionStatus.Assigned : InspectionStatus.InProgress;
        ConfirmedAt = null;
        SubmittedAt = null;
    }

    /// <summary>The inputs as the scoring engine takes them, keyed by indicator code.</summary>
    public IReadOnlyDictionary<string, IndicatorInput> Inputs() =>
        _entries.Where(e => !e.Input.IsEmpty).ToDictionary(e => e.IndicatorCode, e => e.Input, StringComparer.Ordinal);

    private void RecordScore(ScoreResult score)
    {
        foreach (var entry in _entries)
        {
            entry.SetPoints(score.Points.TryGetValue(entry.IndicatorCode, out var p) ? p : null);
        }

        _categoryScores.Clear();
        _categoryScores.AddRange(score.Categories.Select(c => new InspectionCategoryScore(c.Code, c.Score, c.Excluded)));
        Total = score.Total;
        TotalBeforeVeto = score.TotalBeforeVeto;
        Grade = score.Grade;
        VetoedBy = score.VetoedBy;
    }

    private void EnsureOwnPlan(PlanVersion plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Id != PlanVersionId)
        {
            throw new ArgumentException("The plan version is not the inspection's.", nameof(plan));
        }
    }

    private InspectionEntry EntryFor(string code)
    {
        return _entries.FirstOrDefault(e => e.IndicatorCode == code)
            ?? throw new DomainException("Inspection.UnknownIndicator", "Indicator {0} is not part of this inspection.", code);
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainException("Inspection.NotEditable", "This inspection has been submitted and can no longer be edited.");
        }
    }
}
