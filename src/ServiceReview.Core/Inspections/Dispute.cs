using ServiceReview.Core.Common;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Inspections;

public enum DisputeStatus
{
    Open,
    Ruled,
}

public enum DisputeOutcome
{
    Pending,

    /// <summary>The manager kept the inspector's score.</summary>
    Upheld,

    /// <summary>The manager changed the indicator's input.</summary>
    Changed,
}

/// <summary>A team lead's objection (申诉) to specific indicators of a submitted inspection, and the manager's ruling.</summary>
public sealed class Dispute : Entity
{
    private readonly List<DisputeItem> _items = [];

    private Dispute()
    {
    }

    internal Dispute(int inspectionId, int raisedById, IEnumerable<(string IndicatorCode, string Reason)> items, DateTime utcNow, IReadOnlySet<string> knownCodes)
    {
        InspectionId = inspectionId;
        RaisedById = raisedById;
        RaisedAt = utcNow;
        Status = DisputeStatus.Open;
        foreach (var (code, reason) in items)
        {
            if (!knownCodes.Contains(code))
            {
                throw new DomainException("Dispute.UnknownIndicator", "Indicator {0} is not part of this inspection.", code);
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new DomainException("Dispute.ReasonRequired", "Say why indicator {0} is disputed.", code);
            }

            if (_items.All(i => i.IndicatorCode != code))
            {
                _items.Add(new DisputeItem(code, reason.Trim()));
            }
        }

        if (_items.Count == 0)
        {
            throw new DomainException("Dispute.NoItems", "Name at least one disputed indicator.");
        }
    }

    public int InspectionId { get; private set; }

    public int RaisedById { get; private set; }

    public DateTime RaisedAt { get; private set; }

    public DisputeStatus Status { get; private set; }

    public int? RuledById { get; private set; }

    public DateTime? RuledAt { get; private set; }

    public IReadOnlyList<DisputeItem> Items => _items;

    /// <summary>Records the manager's ruling on every item. Each needs a written ruling.</summary>
    public void Rule(int ruledById, IReadOnlyDictionary<string, (DisputeOutcome Outcome, string Ruling)> rulings, DateTime utcNow)
    {
        if (Status != DisputeStatus.Open)
        {
            throw new DomainException("Dispute.AlreadyRuled", "This dispute has already been ruled on.");
        }

        foreach (var item in _items)
        {
            if (!rulings.TryGetValue(item.IndicatorCode, out var ruling) || ruling.Outcome == DisputeOutcome.Pending || string.IsNullOrWhiteSpace(ruling.Ruling))
            {
                throw new DomainException("Dispute.RulingRequired", "Write a ruling for indicator {0}.", item.IndicatorCode);
            }

            item.Decide(ruling.Outcome, ruling.Ruling.Trim());
        }

        Status = DisputeStatus.Ruled;
        RuledById = ruledById;
        RuledAt = utcNow;
    }
}

public sealed class DisputeItem
{
    private DisputeItem()
    {
    }

    internal DisputeItem(string indicatorCode, string reason)
    {
        IndicatorCode = indicatorCode;
        Reason = reason;
        Outcome = DisputeOutcome.Pending;
    }

    public int Id { get; private set; }

    public string IndicatorCode { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public DisputeOutcome Outcome { get; private set; }

    public string? Ruling { get; private set; }

    // The input and points before the ruling and after it, stored as columns the way InspectionEntry stores its
    // input. All null for items ruled before these facts were recorded (docs/operations.md).
    public decimal? OriginalValue { get; private set; }

    public int? OriginalCount { get; private set; }

    public bool? OriginalPass { get; private set; }

    public string? OriginalLevel { get; private set; }

    public bool? OriginalNotApplicable { get; private set; }

    public string? OriginalNote { get; private set; }

    public decimal? OriginalPoints { get; private set; }

    public decimal? RuledValue { get; private set; }

    public int? RuledCount { get; private set; }

    public bool? RuledPass { get; private set; }

    public string? RuledLevel { get; private set; }

    public bool? RuledNotApplicable { get; private set; }

    public string? RuledNote { get; private set; }

    public decimal? RuledPoints { get; private set; }

    /// <summary>The input and points when the dispute was ruled, before any change; null when not recorded (ruled before the facts were kept).</summary>
    public RecordedScore? Original => OriginalNotApplicable is { } na
        ? new(new IndicatorInput { Value = OriginalValue, Count = OriginalCount, Pass = OriginalPass, Level = OriginalLevel, NotApplicable = na, Note = OriginalNote }, OriginalPoints)
        : null;

    /// <summary>The input and points after the ruling (equal to <see cref="Original"/> when upheld); null when not recorded.</summary>
    public RecordedScore? Ruled => RuledNotApplicable is { } na
        ? new(new IndicatorInput { Value = RuledValue, Count = RuledCount, Pass = RuledPass, Level = RuledLevel, NotApplicable = na, Note = RuledNote }, RuledPoints)
        : null;

    /// <summary>Whether the ruling changed what the indicator earned or how it was scored.</summary>
    public bool ChangedScore => Original is { } o && Ruled is { } r && (o.Points != r.Points || o.Input != r.Input);

    internal void Decide(DisputeOutcome outcome, string ruling)
    {
        Outcome = outcome;
        Ruling = ruling;
    }

    internal void RecordScores(RecordedScore original, RecordedScore ruled)
    {
        (OriginalValue, OriginalCount, OriginalPass, OriginalLevel, OriginalNotApplicable, OriginalNote, OriginalPoints) =
            (original.Input.Value, original.Input.Count, original.Input.Pass, original.Input.Level, original.Input.NotApplicable, original.Input.Note, original.Points);
        (RuledValue, RuledCount, RuledPass, RuledLevel, RuledNotApplicable, RuledNote, RuledPoints) =
            (ruled.Input.Value, ruled.Input.Count, ruled.Input.Pass, ruled.Input.Level, ruled.Input.NotApplicable, ruled.Input.Note, ruled.Points);
    }
}

/// <summary>An indicator's input with the points it earned, as kept on a ruled dispute item.</summary>
public sealed record RecordedScore(IndicatorInput Input, decimal? Points);
