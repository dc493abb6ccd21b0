using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Audit;

/// <summary>The outcome of checking the whole chain: how many entries were checked, the last hash, and the first break.</summary>
public sealed record AuditVerification(long Checked, string? HeadHash, AuditChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// The audit log's hash chain in the database (ADR 0020): checked for tampering by the audit page and the
/// <c>verify-audit</c> command, and linked once for entries written before the chain existed.
/// </summary>
public sealed class AuditChainStore(ServiceReviewDbContext db)
{
    private const int VerifyBatch = 2_000;

    /// <summary>
    /// Checks every entry in sequence order, a batch at a time (the log is never loaded whole), and any entry written
    /// around the application (not linked into the chain).
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var unlinked = await db.AuditLog.AsNoTracking()
            .Where(a => a.Sequence == null)
            .OrderBy(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);

        var checkedCount = 0L;
        var previousHash = AuditChain.Genesis;
        var expected = 1L;
        while (true)
        {
            var after = expected - 1;
            var batch = await db.AuditLog.AsNoTracking()
                .Where(a => a.Sequence != null && a.Sequence > after)
                .OrderBy(a => a.Sequence)
                .Take(VerifyBatch)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var broken = AuditChain.Verify(batch, expected, previousHash);
            if (broken is not null)
            {
                // Everything before the break is intact: the chain up to the sequence expected there.
                return new AuditVerification((broken.ExpectedSequence ?? broken.Sequence ?? expected) - 1, null, broken);
            }

            checkedCount += batch.Count;
            previousHash = batch[^1].Hash!;
            expected = batch[^1].Sequence!.Value + 1;
        }

        if (unlinked is not null)
        {
            return new AuditVerification(checkedCount, null, new AuditChainBreak(unlinked.Id, null, AuditChainBreakKind.NotLinked));
        }

        return new AuditVerification(checkedCount, checkedCount == 0 ? null : previousHash, null);
    }

    /// <summary>
    /// Links the entries written before the chain existed, once: only while no entry is linked yet (after that, an
    /// unlinked entry is a sign of tampering and is left for <see cref="VerifyAsync"/> to report).
    /// </summary>
    public async Task<int> LinkEntriesBeforeTheChainAsync(CancellationToken cancellationToken = default)
    {
        if (await db.AuditLog.AnyAsync(a => a.Sequence != null, cancellationToken))
        {
            return 0;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var linked = 0;
            var sequence = 0L;
            var hash = AuditChain.Genesis;
            var lastId = 0L;
            while (true)
            {
                var after = lastId;
                var batch = await db.AuditLog.AsNoTracking()
                    .Where(a => a.Sequence == null && a.Id > after)
                    .OrderBy(a => a.Id)
                    .Take(VerifyBatch)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var entry in batch)
                {
                    entry.LinkAfter(sequence, hash);
                    var (id, at, seq, previous, own) = (entry.Id, entry.At, entry.Sequence, entry.PreviousHash, entry.Hash);

                    // The log refuses tracked updates; this one-time link is the only write to old entries.
                    await db.AuditLog.Where(a => a.Id == id).ExecuteUpdateAsync(
                        s => s.SetProperty(a => a.At, at).SetProperty(a => a.Sequence, seq).SetProperty(a => a.PreviousHash, previous).SetProperty(a => a.Hash, own),
                        cancellationToken);
                    sequence = seq!.Value;
                    hash = own!;
                    lastId = id;
                    linked++;
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return linked;
        });
    }
}
