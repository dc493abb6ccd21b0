using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Features.ServiceRecords.Import.Background;

/// <summary>Settings of the background imports (section <c>Imports</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Whether this instance runs imports (an instance that only serves pages may leave it to others).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often an idle worker looks for queued jobs (an upload on the same instance wakes it at once).</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>How often a running import writes its progress and renews its lease.</summary>
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>How long a claim holds without renewal: after this, another instance takes the job over.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Starts of one job (crashed or stopped workers included) before it is failed for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Finished jobs are deleted after this many days.</summary>
    public int KeepDays { get; set; } = 30;
}

/// <summary>Wakes this instance's worker when a job is queued here, so that it need not wait for its next poll.</summary>
public sealed class ImportWakeUp : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>Called by the container that owns the singleton.</summary>
    public void Dispose() => _signal.Dispose();
}

/// <summary>A line of a team's recent imports.</summary>
public sealed record ImportJobSummary(Guid Key, string FileName, string UserName, DateTime CreatedAt, ImportJobStatus Status, int Imported, int Updated, int ErrorCount)
{
    public bool IsFinished => Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed or ImportJobStatus.Cancelled;
}

/// <summary>The row errors of a job, stored as JSON.</summary>
public static class ImportJobErrors
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? Write(IReadOnlyList<ImportError> errors) => errors.Count == 0 ? null : JsonSerializer.Serialize(errors, Json);

    public static IReadOnlyList<ImportError> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ImportError>>(json, Json) ?? [];

    /// <summary>
    /// A whole-file refusal as a row error: code <c>Upload.{Code}</c> (translated as <c>Uploads.Refused.{Code}</c>), the
    /// limit that was hit as its value.
    /// </summary>
    public static ImportError Refused(UploadRefusedException refusal) =>
        new(1, "", refusal.Limit, RefusedPrefix + refusal.Code, refusal.Message);

    public const string RefusedPrefix = "Upload.";

    /// <summary>The job's outcome in the shape of a synchronous import's result (for the result page).</summary>
    public static ImportResult ToResult(ImportJob job) =>
        new(job.Imported, job.Updated, Read(job.ErrorsJson), job.ErrorCount, Written: job.Status == ImportJobStatus.Succeeded);
}

/// <summary>
/// Queues uploads as <see cref="ImportJob"/> rows (the bytes in <see cref="ImportJobFile"/>) for a worker on any instance,
/// and reads jobs for the status page and the team's recent imports. Who may see a job: whoever may edit the team's
/// records (its lead, managers, admins), so the uploader while they still may; anyone else gets nothing (404).
/// </summary>
public sealed class ImportJobQueue(
    ServiceReviewDbContext db, TeamRecordAccess access, ImportWakeUp wakeUp, IOptions<ImportOptions> options, TimeProvider clock,
    IOptions<UploadOptions> uploads)
{
    /// <summary>
    /// Stores the upload and the job in one transaction, then wakes this instance's worker. A file refused at sight
    /// (wrong type, a workbook past its caps, a CSV over its size) throws <see cref="UploadRefusedException"/> and
    /// nothing is stored; caps found only while reading rows fail the job with the same message.
    /// </summary>
    public async Task<ImportJob> EnqueueAsync(int teamId, Actor actor, string fileName, Stream upload, bool partial, CancellationToken cancellationToken)
    {
        // Sized to the upload when its length is known, so that the stored array is the buffer itself (no second copy).
        using var buffer = upload.CanSeek && upload.Length - upload.Position is var length and > 0 and <= int.MaxValue
            ? new MemoryStream((int)length)
            : new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        TabularReaders.CheckUpload(buffer, uploads.Value);
        var content = buffer.Capacity == buffer.Length ? buffer.GetBuffer() : buffer.ToArray();
        var now = clock.GetUtcNow().UtcDateTime;
        var key = Guid.NewGuid();
        var strategy = db.Database.CreateExecutionStrategy();
        var job = await strategy.ExecuteAsync(async () =>
        {
            // A retried attempt (SQL Server, PostgreSQL: ADR 0028) starts again from a clean unit of work.
            db.ChangeTracker.Clear();
            var queued = new ImportJob(key, teamId, actor.UserId, actor.Name, actor.PersonId, fileName, buffer.Length, partial, now);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.ImportJobs.Add(queued);
            await db.SaveChangesAsync(cancellationToken);

            // The audit entry goes with the last save: linking it takes the next place in the audit chain, which other
            // writers wait for until this transaction commits, so it must not be held while the upload is written.
            db.ImportJobFiles.Add(new ImportJobFile(queued.Id, content));
            db.Audit(actor, now, "ImportJob", queued.Key, "Queued", null, Describe(queued));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return queued;
        });

        await ForgetOldAsync(now, cancellationToken);
        wakeUp.Signal();
        return job;
    }

    /// <summary>The job if the actor may see it; null for an unknown id or someone else's team (the caller answers 404).</summary>
    public async Task<(ImportJob Job, TeamHeading Team)?> FindVisibleAsync(Guid key, Actor actor, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Key == key, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var team = await access.EditAsync(job.TeamId, actor, cancellationToken);
        return team.IsOk ? (job, team.Value) : null;
    }

    /// <summary>
    /// Withdraws a job no worker has taken yet (its upload is deleted): the job, or not found when the actor may not see
    /// it. A worker that claims it at the same moment wins: the claim changes the row, so the cancel is refused as "already
    /// started" (invalid, <c>ImportJob.NotQueued</c>), as is a job that has started or ended.
    /// </summary>
    public async Task<Outcome<ImportJob>> CancelAsync(Guid key, Actor actor, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Key == key, cancellationToken);
        if (job is null || !(await access.EditAsync(job.TeamId, actor, cancellationToken)).IsOk)
        {
            return Outcome.NotFound();
        }

        return await Outcome.Of<ImportJob>(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            job.Cancel(now);
            db.Audit(actor, now, "ImportJob", job.Key, "Cancelled", nameof(ImportJobStatus.Queued), Describe(job));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Invalid("", OutcomeError.DomainPrefix + "ImportJob.NotQueued");
            }

            await db.ImportJobFiles.Where(f => f.ImportJobId == job.Id).ExecuteDeleteAsync(cancellationToken);
            return job;
        });
    }

    /// <summary>What the audit log says about a job.</summary>
    public static string Describe(ImportJob job) => string.Create(CultureInfo.InvariantCulture,
        $"team={job.TeamId}; file={job.FileName}; bytes={job.FileBytes}; partial={job.Partial}; imported={job.Imported}; updated={job.Updated}; errors={job.ErrorCount}");

    /// <summary>A team's latest imports, newest first, without their error lists (the caller has checked the actor may edit the team).</summary>
    public Task<List<ImportJobSummary>> RecentAsync(int teamId, int take, CancellationToken cancellationToken) =>
        db.ImportJobs.AsNoTracking().Where(j => j.TeamId == teamId)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(take)
            .Select(j => new ImportJobSummary(j.Key, j.FileName, j.UserName, j.CreatedAt, j.Status, j.Imported, j.Updated, j.ErrorCount))
            .ToListAsync(cancellationToken);

    private async Task ForgetOldAsync(DateTime now, CancellationToken cancellationToken)
    {
        var before = now.AddDays(-Math.Max(1, options.Value.KeepDays));
        var finished = new[] { ImportJobStatus.Succeeded, ImportJobStatus.Failed, ImportJobStatus.Cancelled };
        await db.ImportJobs.Where(j => finished.Contains(j.Status) && j.FinishedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
