using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>
/// Closes every open round whose inspection window has ended, as the "system" actor. Several instances of the
/// app may run it at the same moment: the concurrency stamp lets one of them close a round, and the others'
/// conflict (or "not open") is expected and ignored.
/// </summary>
public sealed class RoundAutoCloser(ServiceReviewDbContext db, TimeProvider clock, ILogger<RoundAutoCloser> logger)
{
    /// <summary>Returns how many rounds this call closed.</summary>
    public async Task<int> CloseExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Rounds.AsNoTracking()
            .Where(r => r.Status == RoundStatus.Open && r.WindowClosesAt < now)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

        var closed = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (round is null || round.Status != RoundStatus.Open)
            {
                continue;
            }

            if (await TryCloseAsync(round, now, cancellationToken))
            {
                closed++;
            }
        }

        db.ChangeTracker.Clear();
        return closed;
    }

    /// <summary>Closes one loaded round; false when another instance (or a manager) got there first.</summary>
    public async Task<bool> TryCloseAsync(Round round, DateTime utcNow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);

        // A conflict (Outcome.Of's answer to ConcurrencyConflictException): someone else closed it first. Nothing to do.
        var closed = await Outcome.Of(async () =>
        {
            round.Close(utcNow);
            db.Audit(Actor.System, utcNow, nameof(Round), round.Id, "Closed", nameof(RoundStatus.Open), $"{nameof(RoundStatus.Closed)} (window ended)");
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok();
        });
        if (!closed.IsOk)
        {
            logger.LogInformation("Round {RoundId} was not closed here: {Reason}", round.Id,
                closed.Status == OutcomeStatus.Conflict ? $"changed by {closed.ChangedBy}" : string.Join(", ", closed.Errors.Select(e => e.Key)));
            db.ChangeTracker.Clear();
            return false;
        }

        logger.LogInformation("Round {RoundId} closed: its inspection window ended at {ClosesAt:u}.", round.Id, round.WindowClosesAt);
        return true;
    }
}
