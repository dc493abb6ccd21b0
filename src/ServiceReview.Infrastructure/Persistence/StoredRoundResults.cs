namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// A team's result in a round as stored when one of its inspections changed (ADR 0027): what the round results page,
/// the dashboards and the results search read instead of recomputing the round per request. The numbers are written by
/// the web project's results feature from the same calculation the pages used before (scoring.md), never edited by hand.
/// </summary>
public sealed class StoredTeamResult
{
    public int RoundId { get; set; }

    public int TeamId { get; set; }

    /// <summary>The team's round total (rounded once, one decimal); null while no inspection is confirmed.</summary>
    public decimal? Total { get; set; }

    public string? Grade { get; set; }

    /// <summary>1 for the best total; equal totals share a rank; null without a result. Rewritten for the whole round on every change.</summary>
    public int? Rank { get; set; }

    public bool Trimmed { get; set; }

    public bool MiddleAloneDecides { get; set; }

    public int ConfirmedCount { get; set; }

    public int AssignedCount { get; set; }

    /// <summary>The rest as JSON at full precision: counted and dropped inspections, category means, indicator sums.</summary>
    public string Figures { get; set; } = "{}";
}

/// <summary>
/// The round-wide figures over every team (team counts, grade distribution, category means, indicator sums), rewritten
/// with the team rows; <see cref="Version"/> grows by one on each rewrite. A round without this row has not been stored
/// yet: it is computed and stored the first time it is read (the lazy backfill).
/// </summary>
public sealed class StoredRoundResult
{
    public int RoundId { get; set; }

    public int Version { get; set; }

    public DateTime ComputedAt { get; set; }

    public int Teams { get; set; }

    public int WithResult { get; set; }

    public string Figures { get; set; } = "{}";
}
