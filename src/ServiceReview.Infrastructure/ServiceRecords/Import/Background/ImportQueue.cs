using System.Collections.Concurrent;
using System.Threading.Channels;
using ServiceReview.Core.Audit;

namespace ServiceReview.Infrastructure.ServiceRecords.Import.Background;

/// <summary>An uploaded file waiting in a temp file to be imported for a team by the background worker.</summary>
public sealed record ImportJob(Guid Id, int TeamId, Actor Actor, string FileName, string TempPath, bool Partial);

/// <summary>Where a background import is.</summary>
public enum ImportJobState
{
    Queued,

    /// <summary>Reading and validating the rows; nothing written.</summary>
    Reading,

    /// <summary>Writing the clean rows in batches, in one transaction.</summary>
    Writing,

    /// <summary>Finished: see <see cref="ImportJobStatus.Result"/> (written, or refused with its errors).</summary>
    Done,

    /// <summary>Stopped by an unexpected error (the transaction was rolled back: nothing written).</summary>
    Failed,
}

/// <summary>
/// The live status of one background import, updated by the worker and read by the status endpoint. Counters are
/// written by one thread and read by others: plain volatile-style reads through <see cref="Interlocked"/> are enough.
/// </summary>
public sealed class ImportJobStatus(ImportJob job, long fileBytes) : IImportObserver
{
    private int _state;
    private int _rowsRead;
    private int _errors;
    private int _toWrite;
    private int _written;
    private long _bytesRead;

    public Guid Id => job.Id;

    public int TeamId => job.TeamId;

    /// <summary>The user who uploaded the file: the only one who may see this status.</summary>
    public string? OwnerUserId => job.Actor.UserId;

    public string FileName => job.FileName;

    public bool Partial => job.Partial;

    public long FileBytes => fileBytes;

    public ImportJobState State => (ImportJobState)Volatile.Read(ref _state);

    public int RowsRead => Volatile.Read(ref _rowsRead);

    public int Errors => Volatile.Read(ref _errors);

    public int ToWrite => Volatile.Read(ref _toWrite);

    public int RowsWritten => Volatile.Read(ref _written);

    public ImportResult? Result { get; private set; }

    public DateTime? FinishedUtc { get; private set; }

    public bool IsFinished => State is ImportJobState.Done or ImportJobState.Failed;

    /// <summary>
    /// 0–100: reading counts for the first half (by the bytes read from the file), writing for the second (by rows written).
    /// </summary>
    public int Percent => State switch
    {
        ImportJobState.Queued => 0,
        ImportJobState.Reading => (int)Math.Min(50, 50 * Volatile.Read(ref _bytesRead) / Math.Max(1, fileBytes)),
        ImportJobState.Writing => 50 + (ToWrite == 0 ? 0 : (int)(50L * RowsWritten / ToWrite)),
        _ => 100,
    };

    public void Read(int rows, int errors)
    {
        Volatile.Write(ref _rowsRead, rows);
        Volatile.Write(ref _errors, errors);
    }

    public void Writing(int total)
    {
        Volatile.Write(ref _toWrite, total);
        Volatile.Write(ref _state, (int)ImportJobState.Writing);
    }

    public void Written(int rows) => Volatile.Write(ref _written, rows);

    public void BytesRead(long total) => Volatile.Write(ref _bytesRead, total);

    public void Start() => Volatile.Write(ref _state, (int)ImportJobState.Reading);

    public void Finish(ImportResult result, DateTime utcNow)
    {
        Result = result;
        Volatile.Write(ref _errors, result.ErrorCount);
        Volatile.Write(ref _written, result.Imported + result.Updated);
        FinishedUtc = utcNow;
        Volatile.Write(ref _state, (int)ImportJobState.Done);
    }

    public void Fail(DateTime utcNow)
    {
        FinishedUtc = utcNow;
        Volatile.Write(ref _state, (int)ImportJobState.Failed);
    }
}

/// <summary>
/// The queue of background imports (a <see cref="Channel{T}"/> read by one worker, so imports run one at a time) and
/// the statuses of recent ones, kept in memory for <see cref="Keep"/> after they finish. In-memory on purpose: an
/// import is short-lived and its file is a temp file of this instance; a restart loses the queue (the user uploads
/// again). Several instances behind a load balancer need sticky sessions for the status to be found.
/// </summary>
public sealed class ImportQueue(TimeProvider clock)
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    private readonly Channel<ImportJob> _channel = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, ImportJobStatus> _statuses = new();

    /// <summary>The folder the uploads wait in.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "servicereview-imports");

    public ChannelReader<ImportJob> Reader => _channel.Reader;

    /// <summary>Copies the upload to a temp file and queues it; the caller polls <see cref="Find"/>.</summary>
    public async Task<ImportJobStatus> EnqueueAsync(int teamId, Actor actor, string fileName, Stream upload, bool partial, CancellationToken ct)
    {
        Forget();
        Directory.CreateDirectory(Folder);
        var id = Guid.NewGuid();
        var path = Path.Combine(Folder, id.ToString("N") + ".upload");
        long bytes;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await upload.CopyToAsync(target, ct);
            bytes = target.Length;
        }

        var job = new ImportJob(id, teamId, actor, Path.GetFileName(fileName), path, partial);
        var status = new ImportJobStatus(job, bytes);
        _statuses[id] = status;
        await _channel.Writer.WriteAsync(job, ct);
        return status;
    }

    public ImportJobStatus? Find(Guid id) => _statuses.GetValueOrDefault(id);

    private void Forget()
    {
        var before = clock.GetUtcNow().UtcDateTime - Keep;
        foreach (var (id, status) in _statuses)
        {
            if (status.FinishedUtc < before)
            {
                _statuses.TryRemove(id, out _);
            }
        }
    }
}
