using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceReview.Infrastructure.ServiceRecords.Import.Background;

/// <summary>
/// Takes queued imports one at a time and runs <see cref="ServiceRecordImporter"/> on the temp file with the same
/// semantics as the synchronous import (all rows validated first; nothing written when there are errors unless the
/// clean rows only were asked for), reporting progress to the job's status, then deletes the file.
/// </summary>
public sealed class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    /// <summary>Runs one job to its end (also what tests call to process a job without the host).</summary>
    public async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        var status = queue.Find(job.Id);
        if (status is null)
        {
            File.Delete(job.TempPath);
            return;
        }

        status.Start();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<ServiceRecordImporter>();
            await using var file = new CountingStream(new FileStream(job.TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920), status.BytesRead);
            var result = await importer.ImportAsync(job.TeamId, file, job.Partial, job.Actor, job.FileName, null, ct, status);
            status.Finish(result, clock.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "The background import {JobId} of {FileName} for team {TeamId} failed.", job.Id, job.FileName, job.TeamId);
            status.Fail(clock.GetUtcNow().UtcDateTime);
        }
        finally
        {
            try
            {
                File.Delete(job.TempPath);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "The temp file {Path} could not be deleted.", job.TempPath);
            }
        }
    }

    /// <summary>A read-only wrapper that reports how many bytes were read (the reading half of the progress bar).</summary>
    private sealed class CountingStream(Stream inner, Action<long> report) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            report(Math.Min(_read, inner.Length));
            return read;
        }
    }
}
