using ServiceReview.Core.Common;

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

    internal void Decide(DisputeOutcome outcome, string ruling)
    {
        Outcome = outcome;
        Ruling = ruling;
    }
}
