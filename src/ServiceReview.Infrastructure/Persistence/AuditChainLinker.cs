using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// Appends new audit entries to the hash chain (<see cref="AuditChain"/>) as part of the save that writes them.
/// Appends are serialised by the unique index on <see cref="AuditEntry.Sequence"/>: two instances that read the same
/// end of the chain cannot both insert the next number, so the chain never forks; the loser's save is refused as a
/// whole and retried after reading the new end.
/// </summary>
internal static class AuditChainLinker
{
    public const int MaxAttempts = 8;

    /// <summary>The name of the unique index, which provider error messages quote.</summary>
    public const string SequenceIndexName = "IX_AuditLog_Sequence";

    public static (long Sequence, string Hash) ReadTip(ServiceReviewDbContext db) =>
        ToTip(TipQuery(db).FirstOrDefault());

    public static async Task<(long Sequence, string Hash)> ReadTipAsync(ServiceReviewDbContext db, CancellationToken cancellationToken) =>
        ToTip(await TipQuery(db).FirstOrDefaultAsync(cancellationToken));

    /// <summary>Links the entries in the order they were added (which is the order of their ids as inserted).</summary>
    public static void Link(IReadOnlyList<AuditEntry> entries, (long Sequence, string Hash) tip)
    {
        var (sequence, hash) = tip;
        foreach (var entry in entries)
        {
            entry.LinkAfter(sequence, hash);
            sequence = entry.Sequence!.Value;
            hash = entry.Hash!;
        }
    }

    /// <summary>Whether a failed save was refused by the chain's unique sequence (SQLite, PostgreSQL and SQL Server).</summary>
    public static bool IsChainRace(DbUpdateException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            var message = e.Message;
            if (message.Contains(SequenceIndexName, StringComparison.OrdinalIgnoreCase)
                || message.Contains("AuditLog.Sequence", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IQueryable<TipRow> TipQuery(ServiceReviewDbContext db) =>
        db.AuditLog.AsNoTracking()
            .Where(a => a.Sequence != null)
            .OrderByDescending(a => a.Sequence)
            .Select(a => new TipRow(a.Sequence!.Value, a.Hash!));

    private static (long, string) ToTip(TipRow? row) => row is null ? (0, AuditChain.Genesis) : (row.Sequence, row.Hash);

    private sealed record TipRow(long Sequence, string Hash);
}
