using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Calibration;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>
/// What the accuracy statistics read has not changed while this stays the same: every started round's stored results
/// (their number, the sum of their versions and the last time one was rewritten — the save hook of ADR 0027 rewrites a
/// round's row, and raises its version, in the same SaveChanges that submits, confirms, disputes, rules, reopens or
/// reassigns any of its inspections) and the calibration exercises revealed to count toward bias (which never change
/// once revealed).
/// </summary>
public sealed record ResultsFingerprint(int Rounds, long Versions, DateTime? LastRewritten, int Exercises, long ExerciseIds);

/// <summary>
/// The round analytics and the bias report's figures, computed once per <see cref="ResultsFingerprint"/> and kept in
/// process memory (issue #15: their cost grows with the round or the organisation, so it is paid once per change of
/// the results, never per request). Each instance of a multi-instance deployment keeps its own copies; the key is read
/// from the database on every request, so a change made through any instance is seen by all at their next request
/// (ADR 0028). Names and a round's status are not cached: the pages read those fresh.
/// </summary>
public sealed class AnalyticsCache
{
    /// <summary>Reports kept at most (rounds and bias ranges); past it the oldest-stored half is dropped.</summary>
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _stored;

    /// <summary>
    /// The fingerprint of the results now. Stores first the started rounds that have no stored results yet (the lazy
    /// backfill, once per round), so that every later change of theirs moves the fingerprint. Read it before the
    /// figures: a change that commits in between then only makes the next request compute again.
    /// </summary>
    public static async Task<ResultsFingerprint> FingerprintAsync(ServiceReviewDbContext db, RoundResultsService results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(results);
        await results.EnsureAllStoredAsync(cancellationToken);
        var rounds = await db.StoredRoundResults.AsNoTracking()
            .GroupBy(s => 1)
            .Select(g => new { Count = g.Count(), Versions = g.Sum(s => (long)s.Version), Last = g.Max(s => (DateTime?)s.ComputedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var exercises = await db.CalibrationExercises.AsNoTracking()
            .Where(c => c.Status == CalibrationStatus.Revealed && c.CountsTowardBias)
            .GroupBy(c => 1)
            .Select(g => new { Count = g.Count(), Ids = g.Sum(c => (long)c.Id) })
            .FirstOrDefaultAsync(cancellationToken);
        return new ResultsFingerprint(rounds?.Count ?? 0, rounds?.Versions ?? 0, rounds?.Last, exercises?.Count ?? 0, exercises?.Ids ?? 0);
    }

    /// <summary>The value stored under <paramref name="key"/> for this fingerprint, or the one <paramref name="compute"/> makes (then stored).</summary>
    public async Task<T> GetOrComputeAsync<T>(string key, ResultsFingerprint fingerprint, Func<Task<T>> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (_entries.TryGetValue(key, out var entry) && entry.Fingerprint == fingerprint && entry.Value is T cached)
        {
            return cached;
        }

        var value = await compute();
        if (_entries.Count >= Capacity)
        {
            foreach (var old in _entries.OrderBy(e => e.Value.Order).Take(Capacity / 2).ToList())
            {
                _entries.TryRemove(old.Key, out _);
            }
        }

        _entries[key] = new Entry(fingerprint, value, Interlocked.Increment(ref _stored));
        return value;
    }

    private sealed record Entry(ResultsFingerprint Fingerprint, object Value, long Order);
}
