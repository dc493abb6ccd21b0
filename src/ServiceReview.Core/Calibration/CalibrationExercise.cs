using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Calibration;

public enum CalibrationStatus
{
    /// <summary>Participants score independently; nobody sees anyone else's scores.</summary>
    Open,

    /// <summary>The manager revealed the scores: everyone sees the spread against the reference. No more scoring.</summary>
    Revealed,
}

/// <summary>
/// A calibration exercise (校准): the selected inspectors and the manager (reference) each score one team's records for a
/// period with a plan version, independently. The scores never enter the team's results; they count toward each
/// inspector's bias statistics only when <see cref="CountsTowardBias"/> is set.
/// </summary>
public sealed class CalibrationExercise : Entity, IConcurrencyStamped
{
    private readonly List<CalibrationScore> _scores = [];

    private CalibrationExercise()
    {
    }

    public CalibrationExercise(string name, int teamId, int planVersionId, DateOnly periodStart, DateOnly periodEnd,
        bool countsTowardBias, int referencePersonId, IEnumerable<int> inspectorIds, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CalibrationRefusedException(CalibrationRefusal.NameRequired, "A calibration exercise needs a name.");
        }

        if (periodEnd < periodStart)
        {
            throw new CalibrationRefusedException(CalibrationRefusal.PeriodReversed, "The period ends before it starts.");
        }

        var inspectors = inspectorIds.Where(id => id != referencePersonId).Distinct().ToList();
        if (inspectors.Count < 2)
        {
            throw new CalibrationRefusedException(CalibrationRefusal.TooFewInspectors, "Choose at least two inspectors besides yourself.");
        }

        Name = name.Trim();
        TeamId = teamId;
        PlanVersionId = planVersionId;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        CountsTowardBias = countsTowardBias;
        ReferencePersonId = referencePersonId;
        CreatedAt = utcNow;
        Status = CalibrationStatus.Open;
        _scores.Add(new CalibrationScore(referencePersonId, isReference: true));
        _scores.AddRange(inspectors.Select(id => new CalibrationScore(id, isReference: false)));
    }

    public string Name { get; private set; } = "";

    public int TeamId { get; private set; }

    public int PlanVersionId { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    /// <summary>The manager's choice: do the inspectors' calibration totals count toward their bias statistics?</summary>
    public bool CountsTowardBias { get; private set; }

    /// <summary>The manager who set the exercise and scores the reference.</summary>
    public int ReferencePersonId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public CalibrationStatus Status { get; private set; }

    public DateTime? RevealedAt { get; private set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public IReadOnlyList<CalibrationScore> Scores => _scores;

    public CalibrationScore? ScoreOf(int personId) => _scores.FirstOrDefault(s => s.PersonId == personId);

    public bool IsParticipant(int personId) => _scores.Any(s => s.PersonId == personId);

    /// <summary>
    /// A participant hands in their score (once): the exercise scores <paramref name="inputs"/> against its plan version
    /// with the engine itself, and the result must be complete, as for an inspection.
    /// </summary>
    public void Submit(int personId, IReadOnlyDictionary<string, IndicatorInput> inputs, PlanVersion plan, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Id != PlanVersionId)
        {
            throw new ArgumentException("The plan version is not the exercise's.", nameof(plan));
        }

        var slot = ScoreOf(personId) ?? throw new CalibrationRefusedException(CalibrationRefusal.NotParticipant, "You are not part of this calibration exercise.");
        if (Status != CalibrationStatus.Open)
        {
            throw new CalibrationRefusedException(CalibrationRefusal.AlreadyRevealed, "The scores have been revealed; no more scoring.");
        }

        if (slot.SubmittedAt is not null)
        {
            throw new CalibrationRefusedException(CalibrationRefusal.AlreadyScored, "You have already handed in your score for this exercise.");
        }

        var score = ScoringEngine.Score(plan, inputs);
        score.EnsureSubmittable();
        slot.Record(inputs, score, utcNow);
    }

    /// <summary>The manager reveals the scores (needs the reference and at least two inspectors' scores) and decides whether they count toward bias.</summary>
    public void Reveal(bool countsTowardBias, DateTime utcNow)
    {
        if (Status != CalibrationStatus.Open)
        {
            throw new CalibrationRefusedException(CalibrationRefusal.AlreadyRevealed, "The scores have been revealed; no more scoring.");
        }

        if (_scores.Single(s => s.IsReference).SubmittedAt is null)
        {
            throw new CalibrationRefusedException(CalibrationRefusal.ReferenceMissing, "Score the reference before revealing.");
        }

        if (_scores.Count(s => !s.IsReference && s.SubmittedAt is not null) < 2)
        {
            throw new CalibrationRefusedException(CalibrationRefusal.TooFewScores, "At least two inspectors must have scored before revealing.");
        }

        CountsTowardBias = countsTowardBias;
        Status = CalibrationStatus.Revealed;
        RevealedAt = utcNow;
    }
}

/// <summary>One participant's score in a calibration exercise: their inputs and points per indicator, and the totals.</summary>
public sealed class CalibrationScore
{
    private readonly List<CalibrationEntry> _entries = [];

    private CalibrationScore()
    {
    }

    internal CalibrationScore(int personId, bool isReference)
    {
        PersonId = personId;
        IsReference = isReference;
    }

    public int Id { get; private set; }

    public int PersonId { get; private set; }

    public bool IsReference { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public decimal? Total { get; private set; }

    public decimal? TotalBeforeVeto { get; private set; }

    public IReadOnlyList<CalibrationEntry> Entries => _entries;

    internal void Record(IReadOnlyDictionary<string, IndicatorInput> inputs, ScoreResult score, DateTime utcNow)
    {
        _entries.Clear();
        _entries.AddRange(inputs.Select(i => new CalibrationEntry(i.Key, i.Value, score.Points.TryGetValue(i.Key, out var p) ? p : null)));
        Total = score.Total;
        TotalBeforeVeto = score.TotalBeforeVeto;
        SubmittedAt = utcNow;
    }
}

/// <summary>One indicator of a calibration score: the input as the inspection form takes it, and the points.</summary>
public sealed class CalibrationEntry
{
    private CalibrationEntry()
    {
    }

    internal CalibrationEntry(string indicatorCode, IndicatorInput input, decimal? points)
    {
        IndicatorCode = indicatorCode;
        Value = input.Value;
        Count = input.Count;
        Pass = input.Pass;
        Level = input.Level;
        NotApplicable = input.NotApplicable;
        Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        Points = points;
    }

    public int Id { get; private set; }

    public string IndicatorCode { get; private set; } = "";

    public decimal? Value { get; private set; }

    public int? Count { get; private set; }

    public bool? Pass { get; private set; }

    public string? Level { get; private set; }

    public bool NotApplicable { get; private set; }

    public string? Note { get; private set; }

    public decimal? Points { get; private set; }
}
