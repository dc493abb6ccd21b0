using ServiceReview.Core.Common;

namespace ServiceReview.Core.ServiceRecords;

/// <summary>Where a background import of service records is.</summary>
public enum ImportJobStatus
{
    /// <summary>Waiting for a worker (also again after a worker stopped or its lease lapsed).</summary>
    Queued,

    /// <summary>A worker holds it (see <see cref="ImportJob.ClaimedBy"/>) and is reading or writing.</summary>
    Running,

    /// <summary>Rows were written (with "clean rows only", some rows may have been skipped: see the errors).</summary>
    Succeeded,

    /// <summary>Nothing written: the file had errors (listed) or the import stopped on an unexpected error.</summary>
    Failed,

    /// <summary>Withdrawn before a worker took it.</summary>
    Cancelled,
}

/// <summary>What a running import is doing: reading and validating the file, or writing the rows.</summary>
public enum ImportJobPhase
{
    Reading,
    Writing,
}

/// <summary>
/// 导入任务: a service-records file uploaded for a team and imported by a background worker. The row and its upload
/// (<see cref="ImportJobFile"/>) live in the database, so a queued job survives a restart and any instance can run it or
/// show its status. A worker claims the job (<see cref="ClaimedBy"/> until <see cref="ClaimedUntil"/>, renewed while it
/// runs); a lapsed claim (a crashed instance) lets another worker start it again from the beginning, which is safe
/// because an import upserts by ticket id in one transaction.
/// </summary>
public sealed class ImportJob : Entity
{
    public const int FileNameMaxLength = 260;
    public const int UserNameMaxLength = 200;
    public const int ClaimMaxLength = 64;
    public const int FailureMaxLength = 1000;

    private ImportJob()
    {
    }

    public ImportJob(Guid key, int teamId, string? userId, string userName, int? personId, string fileName, long fileBytes, bool partial, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new ArgumentException("An import needs the uploaded file's name.", nameof(fileName));
        }

        Key = key;
        TeamId = teamId;
        UserId = userId;
        UserName = Shorten(userName ?? "", UserNameMaxLength);
        PersonId = personId;
        FileName = Shorten(Path.GetFileName(fileName), FileNameMaxLength);
        FileBytes = fileBytes;
        Partial = partial;
        Status = ImportJobStatus.Queued;
        CreatedAt = utcNow;
    }

    /// <summary>The id in URLs (not guessable, and the same on every instance).</summary>
    public Guid Key { get; private set; }

    public int TeamId { get; private set; }

    /// <summary>The user who uploaded the file (null for a system import).</summary>
    public string? UserId { get; private set; }

    public string UserName { get; private set; } = "";

    public int? PersonId { get; private set; }

    /// <summary>The upload's name without any folder.</summary>
    public string FileName { get; private set; } = "";

    public long FileBytes { get; private set; }

    /// <summary>"Clean rows only": write the rows without errors even when others have some.</summary>
    public bool Partial { get; private set; }

    public ImportJobStatus Status { get; private set; }

    public ImportJobPhase Phase { get; private set; }

    /// <summary>Bytes of the upload read so far (the reading half of the progress bar).</summary>
    public long BytesRead { get; private set; }

    public int RowsRead { get; private set; }

    public int ErrorCount { get; private set; }

    /// <summary>Clean rows to write, known when reading is over.</summary>
    public int RowsToWrite { get; private set; }

    public int RowsWritten { get; private set; }

    public int Imported { get; private set; }

    public int Updated { get; private set; }

    /// <summary>The listed row errors as JSON (at most the first thousand; <see cref="ErrorCount"/> counts all).</summary>
    public string? ErrorsJson { get; private set; }

    /// <summary>Why the import stopped when it failed without row errors (an unexpected error), in English for the log.</summary>
    public string? Failure { get; private set; }

    /// <summary>Times a worker started it (more than one after a worker stopped or crashed).</summary>
    public int Attempts { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC: when the last attempt started.</summary>
    public DateTime? StartedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime? FinishedAt { get; private set; }

    /// <summary>The claim token of the worker running it now; null when nobody is.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>UTC: the claim lapses at this instant unless the worker renews it.</summary>
    public DateTime? ClaimedUntil { get; private set; }

    public bool IsFinished => Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed or ImportJobStatus.Cancelled;

    /// <summary>0–100: reading is the first half (by bytes read), writing the second (by rows written).</summary>
    public int Percent => Status switch
    {
        ImportJobStatus.Queued => 0,
        ImportJobStatus.Running when Phase == ImportJobPhase.Reading => (int)Math.Min(50, 50 * BytesRead / Math.Max(1, FileBytes)),
        ImportJobStatus.Running => 50 + (RowsToWrite == 0 ? 0 : (int)Math.Min(50, 50L * RowsWritten / RowsToWrite)),
        _ => 100,
    };

    /// <summary>The rows were written: the counts, and the errors of the rows skipped with "clean rows only".</summary>
    public void Succeed(int imported, int updated, int errorCount, string? errorsJson, DateTime utcNow)
    {
        EnsureRunning();
        Status = ImportJobStatus.Succeeded;
        Imported = imported;
        Updated = updated;
        RowsWritten = imported + updated;
        ErrorCount = errorCount;
        ErrorsJson = errorsJson;
        End(utcNow);
    }

    /// <summary>Nothing was written: the file's row errors (<paramref name="errorsJson"/>) or an unexpected error (<paramref name="failure"/>).</summary>
    public void Fail(int errorCount, string? errorsJson, string? failure, DateTime utcNow)
    {
        EnsureRunning();
        Status = ImportJobStatus.Failed;
        Imported = 0;
        Updated = 0;
        RowsWritten = 0;
        ErrorCount = errorCount;
        ErrorsJson = errorsJson;
        Failure = failure is null ? null : Shorten(failure, FailureMaxLength);
        End(utcNow);
    }

    /// <summary>The uploader (or a manager) withdraws a job no worker has taken yet.</summary>
    public void Cancel(DateTime utcNow)
    {
        if (Status != ImportJobStatus.Queued)
        {
            throw new DomainException("ImportJob.NotQueued", "Only an import that is still waiting can be cancelled; this one has started or ended.");
        }

        Status = ImportJobStatus.Cancelled;
        End(utcNow);
    }

    private void EnsureRunning()
    {
        if (Status != ImportJobStatus.Running)
        {
            throw new DomainException("ImportJob.NotRunning", "Only a running import can end.");
        }
    }

    private void End(DateTime utcNow)
    {
        FinishedAt = utcNow;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>The uploaded bytes of an <see cref="ImportJob"/>, in a table of their own so that lists never load them; deleted when the job ends.</summary>
public sealed class ImportJobFile
{
    private ImportJobFile()
    {
    }

    public ImportJobFile(int importJobId, byte[] content)
    {
        ImportJobId = importJobId;
        Content = content;
    }

    /// <summary>The <see cref="ImportJob"/>'s id.</summary>
    public int ImportJobId { get; private set; }

    public byte[] Content { get; private set; } = [];
}
