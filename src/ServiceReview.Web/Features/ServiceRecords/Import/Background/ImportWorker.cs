using Microsoft.Extensions.Options;

namespace ServiceReview.Web.Features.ServiceRecords.Import.Background;

/// <summary>
/// Runs the queued imports of the database on this instance, one at a time (two big imports at once would only fight
/// over the database): claims the next job through <see cref="ImportJobRunner"/>, runs it, and when none is left waits
/// for an upload on this instance or the next poll. Several instances may run it: each job is claimed once.
/// </summary>
public sealed class ImportWorker(ImportJobRunner runner, ImportWakeUp wakeUp, IOptions<ImportOptions> options, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        await Task.Yield();
        var poll = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await runner.RunNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Looking for queued imports failed; will retry.");
            }

            try
            {
                await wakeUp.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// A read-only wrapper that reports how many bytes were read (the reading half of the progress bar). A rewind to the
/// start begins a new pass (the upload guard and the encoding check read the file before the rows are), so the count
/// starts again from zero.
/// </summary>
internal sealed class CountingStream(Stream inner, Action<long> report) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => Rewound(inner.Position = value);
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override long Seek(long offset, SeekOrigin origin) => Rewound(inner.Seek(offset, origin));

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

    private long Rewound(long position)
    {
        if (position == 0)
        {
            _read = 0;
            report(0);
        }

        return position;
    }

    private int Count(int read)
    {
        _read += read;
        report(Math.Min(_read, inner.Length));
        return read;
    }
}
