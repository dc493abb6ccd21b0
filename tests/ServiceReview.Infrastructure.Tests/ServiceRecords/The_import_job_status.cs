using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.ServiceRecords.Import;
using ServiceReview.Infrastructure.ServiceRecords.Import.Background;

namespace ServiceReview.Infrastructure.Tests.ServiceRecords;

public sealed class The_import_job_status
{
    private static ImportJobStatus NewStatus(long bytes) =>
        new(new ImportJob(Guid.NewGuid(), 1, new Actor("u1", "张敏", null), "a.csv", "/tmp/none", false), bytes);

    [Fact]
    public void Reading_fills_the_first_half_by_bytes_and_writing_the_second_half_by_rows()
    {
        var status = NewStatus(1000);
        Assert.Equal(0, status.Percent);

        status.Start();
        status.BytesRead(500);
        Assert.Equal(25, status.Percent);
        status.BytesRead(5000); // a reader that re-reads never pushes reading past half
        Assert.Equal(50, status.Percent);

        status.Writing(4000);
        status.Written(1000);
        Assert.Equal(ImportJobState.Writing, status.State);
        Assert.Equal(62, status.Percent);

        status.Finish(new ImportResult(3990, 10, [], 0, Written: true), DateTime.UtcNow);
        Assert.Equal(100, status.Percent);
        Assert.True(status.IsFinished);
        Assert.Equal(4000, status.RowsWritten);
    }

    [Fact]
    public async Task The_queue_keeps_the_upload_in_a_temp_file_and_hands_the_job_to_its_reader()
    {
        var queue = new ImportQueue(TimeProvider.System);
        using var upload = new MemoryStream("工单号\r\nT-1"u8.ToArray());

        var status = await queue.EnqueueAsync(7, new Actor("u1", "张敏", null), "../../evil/records.csv", upload, partial: true, default);
        Assert.True(queue.Reader.TryRead(out var job));

        Assert.Same(status, queue.Find(job.Id));
        Assert.Equal("records.csv", job.FileName);
        Assert.Equal(ImportJobState.Queued, status.State);
        Assert.Equal(upload.Length, new FileInfo(job.TempPath).Length);
        Assert.StartsWith(ImportQueue.Folder, job.TempPath);
        File.Delete(job.TempPath);
    }
}
