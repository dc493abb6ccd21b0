using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.ServiceRecords;

/// <summary>How a record stands against a time limit, as of a moment.</summary>
public enum LimitOutcome
{
    /// <summary>The event happened within the limit (≤ limit).</summary>
    OnTime,

    /// <summary>The event happened after the limit, or is still missing although the limit has elapsed.</summary>
    Late,

    /// <summary>The event is missing and the limit has not elapsed yet: left out of the figure's denominator.</summary>
    Pending,
}

/// <summary>What the measured figures need to know about one record (only these columns are ever read).</summary>
/// <param name="HasRequiredText">Ticket id, customer, channel, type, summary and handler are all present.</param>
public readonly record struct RecordFacts(
    DateTime ReceivedAt,
    DateTime? FirstResponseAt,
    DateTime? ResolvedAt,
    DateTime? ClosedAt,
    DateTime? ArchivedAt,
    bool? ResolvedAtFirstContact,
    bool HasRequiredText)
{
    public static RecordFacts Of(ServiceRecord record) => new(
        record.ReceivedAt ?? throw new ArgumentException("A record without a received time belongs to no period.", nameof(record)),
        record.FirstResponseAt,
        record.ResolvedAt,
        record.ClosedAt,
        record.ArchivedAt,
        record.ResolvedAtFirstContact,
        !string.IsNullOrWhiteSpace(record.TicketId) && record.Customer is not null && record.Channel is not null &&
        record.Type is not null && record.Summary is not null && record.Handler is not null);
}

/// <summary>
/// The per-record definitions behind the measured metrics (<see cref="MeasuredMetric"/>; scoring.md, "Measured indicators").
/// A timestamp later than the as-of moment had not happened yet at that moment and is treated as missing.
/// </summary>
public static class MeasuredRules
{
    /// <summary>1.1: every required field, and for a closed record also the resolved and archived times.</summary>
    public static bool IsComplete(RecordFacts r, DateTime asOfUtc) =>
        r.HasRequiredText
        && Seen(r.FirstResponseAt, asOfUtc) is not null
        && (Seen(r.ClosedAt, asOfUtc) is null || (Seen(r.ResolvedAt, asOfUtc) is not null && Seen(r.ArchivedAt, asOfUtc) is not null));

    /// <summary>2.1: first response within the response limit of the received time.</summary>
    public static LimitOutcome FirstResponse(RecordFacts r, ServiceLimits limits, WorkingTime time, DateTime asOfUtc) =>
        Judge(r.ReceivedAt, r.FirstResponseAt, limits.FirstResponseHours, time, asOfUtc);

    /// <summary>2.2: resolved within the resolution limit of the received time.</summary>
    public static LimitOutcome Resolution(RecordFacts r, ServiceLimits limits, WorkingTime time, DateTime asOfUtc) =>
        Judge(r.ReceivedAt, r.ResolvedAt, limits.ResolutionHours, time, asOfUtc);

    /// <summary>1.2: a closed record archived after closed + archive limit, or still not archived once that limit has elapsed.</summary>
    public static bool IsLateArchive(RecordFacts r, ServiceLimits limits, WorkingTime time, DateTime asOfUtc) =>
        Seen(r.ClosedAt, asOfUtc) is { } closed && Judge(closed, r.ArchivedAt, limits.ArchiveHours, time, asOfUtc) == LimitOutcome.Late;

    /// <summary>5.1 denominator: the record had been resolved by the as-of moment.</summary>
    public static bool IsResolved(RecordFacts r, DateTime asOfUtc) => Seen(r.ResolvedAt, asOfUtc) is not null;

    /// <summary>5.1 numerator: resolved and marked resolved at first contact.</summary>
    public static bool IsFirstContactResolution(RecordFacts r, DateTime asOfUtc) => IsResolved(r, asOfUtc) && r.ResolvedAtFirstContact == true;

    public static LimitOutcome Judge(DateTime startUtc, DateTime? eventUtc, decimal limitHours, WorkingTime time, DateTime asOfUtc)
    {
        var deadline = time.Deadline(startUtc, limitHours);
        if (Seen(eventUtc, asOfUtc) is { } happened)
        {
            return happened <= deadline ? LimitOutcome.OnTime : LimitOutcome.Late;
        }

        return asOfUtc > deadline ? LimitOutcome.Late : LimitOutcome.Pending;
    }

    private static DateTime? Seen(DateTime? value, DateTime asOfUtc) => value is { } v && v <= asOfUtc ? v : null;
}

/// <summary>The counts behind the five figures of a team and period.</summary>
public sealed record MeasuredCounts
{
    public int Records { get; init; }

    public int Complete { get; init; }

    public int LateArchives { get; init; }

    public int RespondedOnTime { get; init; }

    /// <summary>Records not pending for the response limit (on time or late).</summary>
    public int ResponseJudged { get; init; }

    public int ResolvedOnTime { get; init; }

    /// <summary>Records not pending for the resolution limit.</summary>
    public int ResolutionJudged { get; init; }

    public int Resolved { get; init; }

    public int FirstContactResolved { get; init; }

    /// <summary>Tallies records one by one with <see cref="MeasuredRules"/> (the working-calendar path and the tests' reference).</summary>
    public static MeasuredCounts Tally(IEnumerable<RecordFacts> records, ServiceLimits limits, WorkingTime time, DateTime asOfUtc)
    {
        int total = 0, complete = 0, late = 0, responseOk = 0, responseJudged = 0, resolutionOk = 0, resolutionJudged = 0, resolved = 0, firstContact = 0;
        foreach (var r in records)
        {
            total++;
            complete += MeasuredRules.IsComplete(r, asOfUtc) ? 1 : 0;
            late += MeasuredRules.IsLateArchive(r, limits, time, asOfUtc) ? 1 : 0;
            var response = MeasuredRules.FirstResponse(r, limits, time, asOfUtc);
            responseOk += response == LimitOutcome.OnTime ? 1 : 0;
            responseJudged += response == LimitOutcome.Pending ? 0 : 1;
            var resolution = MeasuredRules.Resolution(r, limits, time, asOfUtc);
            resolutionOk += resolution == LimitOutcome.OnTime ? 1 : 0;
            resolutionJudged += resolution == LimitOutcome.Pending ? 0 : 1;
            resolved += MeasuredRules.IsResolved(r, asOfUtc) ? 1 : 0;
            firstContact += MeasuredRules.IsFirstContactResolution(r, asOfUtc) ? 1 : 0;
        }

        return new MeasuredCounts
        {
            Records = total,
            Complete = complete,
            LateArchives = late,
            RespondedOnTime = responseOk,
            ResponseJudged = responseJudged,
            ResolvedOnTime = resolutionOk,
            ResolutionJudged = resolutionJudged,
            Resolved = resolved,
            FirstContactResolved = firstContact,
        };
    }

    /// <summary>
    /// The figures: percentages rounded to one decimal half away from zero (before any band applies); a figure whose
    /// denominator is 0 has no value. 1.2's value is the count of late archives, out of the period's records.
    /// </summary>
    public IReadOnlyDictionary<MeasuredMetric, MeasuredFigure> ToFigures() => new Dictionary<MeasuredMetric, MeasuredFigure>
    {
        [MeasuredMetric.Complete] = Share(Complete, Records),
        [MeasuredMetric.LateArchives] = new(Records == 0 ? null : LateArchives, LateArchives, Records),
        [MeasuredMetric.FirstResponseOnTime] = Share(RespondedOnTime, ResponseJudged),
        [MeasuredMetric.ResolvedOnTime] = Share(ResolvedOnTime, ResolutionJudged),
        [MeasuredMetric.FirstContactResolution] = Share(FirstContactResolved, Resolved),
    };

    public static MeasuredFigure Share(int numerator, int denominator) =>
        new(denominator == 0 ? null : ScoreRounding.Round(100m * numerator / denominator), numerator, denominator);
}
