using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Features.ServiceRecords.Import.Background;

/// <summary>A job this worker holds: the row's id and the lease it holds it under.</summary>
public sealed record ImportClaim(int JobId, Lease Lease);

/// <summary>
/// Runs queued imports, safely when several instances do at once (the pattern of the e-mail outbox, see
/// <see cref="Lease"/>): the oldest queued job, or a running one whose lease lapsed, is claimed by one conditional
/// UPDATE; the import runs the same <see cref="ServiceRecordImporter"/> as the API on the stored bytes; a heartbeat
/// writes the progress and renews the lease every few seconds from its own connection (never inside the import's
/// transaction, so the status page sees it); the outcome is saved only while the claim holds. A job taken over after a
/// lapse starts again from the beginning: an import writes everything or nothing, in one transaction, and upserts by
/// ticket id, so a second run gives the same records.
/// </summary>
public sealed class ImportJobRunner(IServiceScopeFactory scopes, IOptions<ImportOptions> options, TimeProvider clock, ILogger<ImportJobRunner> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private TimeSpan LeaseLength => TimeSpan.FromSeconds(Math.Max(10, options.Value.LeaseSeconds));

    /// <summary>Claims and runs the next job; false when there was none to take.</summary>
    public async Task<bool> RunNextAsync(CancellationToken stoppingToken)
    {
        var claim = await ClaimAsync(stoppingToken);
        if (claim is null)
        {
            return false;
        }

        await RunAsync(claim, stoppingToken);
        return true;
    }

    /// <summary>Takes the oldest job nobody holds (queued, or running under a lapsed lease); null when there is none.</summary>
    public async Task<ImportClaim?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var now = Now;
        var candidates = await Claimable(db.ImportJobs.AsNoTracking(), now)
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id).Select(j => j.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            // The conditions are checked again by the UPDATE itself: of two workers that read the same id, only one
            // changes the row; the other sees 0 rows and tries the next.
            var lease = Lease.Take(now, LeaseLength);
            var taken = await Claimable(db.ImportJobs.Where(j => j.Id == id), now).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Running)
                .SetProperty(j => j.Phase, ImportJobPhase.Reading)
                .SetProperty(j => j.ClaimedBy, lease.Token)
                .SetProperty(j => j.ClaimedUntil, lease.Until)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.BytesRead, 0L)
                .SetProperty(j => j.RowsRead, 0)
                .SetProperty(j => j.ErrorCount, 0)
                .SetProperty(j => j.RowsToWrite, 0)
                .SetProperty(j => j.RowsWritten, 0), cancellationToken);
            if (taken == 1)
            {
                return new ImportClaim(id, lease);
            }
        }

        return null;
    }

    /// <summary>Runs a claimed job to its end (or until this worker stops or loses the claim).</summary>
    public async Task RunAsync(ImportClaim claim, CancellationToken stoppingToken)
    {
        ImportJob job;
        byte[]? content;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
            job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == claim.JobId, stoppingToken);
            content = await db.ImportJobFiles.Where(f => f.ImportJobId == claim.JobId).Select(f => f.Content).SingleOrDefaultAsync(stoppingToken);
        }

        if (job.Attempts > Math.Max(1, options.Value.MaxAttempts) || content is null)
        {
            var why = content is null ? "The uploaded file is missing." : $"Gave up after {job.Attempts - 1} attempts that did not finish.";
            logger.LogError("The background import {JobId} of {FileName} for team {TeamId} failed: {Why}", job.Key, job.FileName, job.TeamId, why);
            await FinishAsync(claim, j => j.Fail(0, null, why, Now), CancellationToken.None);
            return;
        }

        var progress = new Progress();
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(claim, progress, lost, stopHeartbeat.Token);
        try
        {
            ImportResult result;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var importer = scope.ServiceProvider.GetRequiredService<ServiceRecordImporter>();
                await using var file = new CountingStream(new MemoryStream(content, writable: false), progress.BytesRead);
                result = await importer.ImportAsync(
                    job.TeamId, file, job.Partial, new Actor(job.UserId, job.UserName, job.PersonId), job.FileName, null, lost.Token, progress);
            }

            await StopAsync(stopHeartbeat, heartbeat);
            await WriteProgressAsync(claim, progress, CancellationToken.None);
            var errors = ImportJobErrors.Write(result.Errors);
            await FinishAsync(claim, j =>
            {
                if (result.Written)
                {
                    j.Succeed(result.Imported, result.Updated, result.ErrorCount, errors, Now);
                }
                else
                {
                    j.Fail(result.ErrorCount, errors, null, Now);
                }
            }, CancellationToken.None);
        }
        catch (UploadRefusedException ex)
        {
            // A file past a cap: the same refusal as the synchronous import, listed as the job's one error.
            await StopAsync(stopHeartbeat, heartbeat);
            logger.LogWarning("The background import {JobId} of {FileName} was refused: {Why}", job.Key, job.FileName, ex.Message);
            var errors = ImportJobErrors.Write([ImportJobErrors.Refused(ex)]);
            await FinishAsync(claim, j => j.Fail(1, errors, ex.Message, Now), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // This instance is stopping: hand the job back at once (nothing was committed) rather than wait for the lease.
            await StopAsync(stopHeartbeat, heartbeat);
            await ReleaseAsync(claim);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            await StopAsync(stopHeartbeat, heartbeat);
            logger.LogWarning("The background import {JobId} lost its lease and was stopped; the worker that took it over runs it again.", job.Key);
        }
#pragma warning disable CA1031 // Any failure of a background import is recorded on the job for the user; the worker keeps running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await StopAsync(stopHeartbeat, heartbeat);
            logger.LogError(ex, "The background import {JobId} of {FileName} for team {TeamId} failed.", job.Key, job.FileName, job.TeamId);
            await FinishAsync(claim, j => j.Fail(0, null, $"{ex.GetType().Name}: {ex.Message}", Now), CancellationToken.None);
        }
    }

    private static IQueryable<ImportJob> Claimable(IQueryable<ImportJob> jobs, DateTime now) =>
        jobs.Where(j => j.Status == ImportJobStatus.Queued || (j.Status == ImportJobStatus.Running && (j.ClaimedUntil == null || j.ClaimedUntil < now)));

    private static async Task StopAsync(CancellationTokenSource stop, Task heartbeat)
    {
        await stop.CancelAsync();
        await heartbeat;
    }

    /// <summary>Writes the progress and renews the lease every few seconds until stopped; cancels <paramref name="lost"/> if the claim is gone.</summary>
    private async Task HeartbeatAsync(ImportClaim claim, Progress progress, CancellationTokenSource lost, CancellationToken stop)
    {
        var every = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.HeartbeatSeconds));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stop);
                if (!await WriteProgressAsync(claim, progress, stop))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A missed progress beat is harmless: the next one tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // E.g. SQLite busy while the import's own transaction writes: the next beat tries again.
                logger.LogDebug(ex, "The progress of import job {JobId} could not be written this time.", claim.JobId);
            }
        }
    }

    /// <summary>Writes the counters and renews the lease; false when the claim is no longer ours.</summary>
    private async Task<bool> WriteProgressAsync(ImportClaim claim, Progress progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var (phase, bytes, rows, errors, toWrite, written) = progress.Snapshot();
        var until = Now + LeaseLength;
        var updated = await db.ImportJobs.Where(j => j.Id == claim.JobId && j.ClaimedBy == claim.Lease.Token).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Phase, phase)
            .SetProperty(j => j.BytesRead, bytes)
            .SetProperty(j => j.RowsRead, rows)
            .SetProperty(j => j.ErrorCount, errors)
            .SetProperty(j => j.RowsToWrite, toWrite)
            .SetProperty(j => j.RowsWritten, written)
            .SetProperty(j => j.ClaimedUntil, until), cancellationToken);
        return updated == 1;
    }

    /// <summary>Records the outcome while the claim holds, and deletes the stored upload.</summary>
    private async Task FinishAsync(ImportClaim claim, Action<ImportJob> end, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == claim.JobId && j.ClaimedBy == claim.Lease.Token, cancellationToken);
        if (job is null)
        {
            logger.LogWarning("Import job {JobId}: the claim lapsed before its outcome was saved.", claim.JobId);
            return;
        }

        end(job);
        db.Audit(Actor.System, Now, "ImportJob", job.Key, job.Status.ToString(), nameof(ImportJobStatus.Running), ImportJobQueue.Describe(job));
        // The outcome and the upload's deletion in one transaction: nobody sees a finished job whose file is still kept.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                // Changes accepted only after the commit, so that a retried attempt saves them again.
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogWarning("Import job {JobId}: the claim lapsed before its outcome was saved.", claim.JobId);
                return;
            }

            await db.ImportJobFiles.Where(f => f.ImportJobId == claim.JobId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.AcceptAllChanges();
    }

    private async Task ReleaseAsync(ImportClaim claim)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
            await db.ImportJobs.Where(j => j.Id == claim.JobId && j.ClaimedBy == claim.Lease.Token).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Queued)
                .SetProperty(j => j.ClaimedBy, (string?)null)
                .SetProperty(j => j.ClaimedUntil, (DateTime?)null));
        }
#pragma warning disable CA1031 // Handing back is a courtesy on shutdown: if it fails, the lease lapses.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Import job {JobId} could not be handed back; its lease lapses instead.", claim.JobId);
        }
    }

    /// <summary>The importer's progress, written on the importing thread and read by the heartbeat.</summary>
    private sealed class Progress : IImportObserver
    {
        private int _writing;
        private long _bytes;
        private int _rows;
        private int _errors;
        private int _toWrite;
        private int _written;

        public void Read(int rows, int errors)
        {
            Volatile.Write(ref _rows, rows);
            Volatile.Write(ref _errors, errors);
        }

        public void Writing(int total)
        {
            Volatile.Write(ref _toWrite, total);
            Volatile.Write(ref _writing, 1);
        }

        public void Written(int rows) => Volatile.Write(ref _written, rows);

        public void BytesRead(long total) => Interlocked.Exchange(ref _bytes, total);

        public (ImportJobPhase Phase, long Bytes, int Rows, int Errors, int ToWrite, int Written) Snapshot() =>
            (Volatile.Read(ref _writing) == 1 ? ImportJobPhase.Writing : ImportJobPhase.Reading, Interlocked.Read(ref _bytes),
                Volatile.Read(ref _rows), Volatile.Read(ref _errors), Volatile.Read(ref _toWrite), Volatile.Read(ref _written));
    }
}
