using ServiceReview.Core.Common;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Core.Tests.ServiceRecords;

public sealed class ImportJobTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 2, 0, 0, DateTimeKind.Utc);

    private static ImportJob NewJob(string fileName = "records.csv") =>
        new(Guid.NewGuid(), 7, "user-1", "张敏", null, fileName, 1000, partial: false, Now);

    [Fact]
    public void A_new_job_waits_in_the_queue_at_zero_percent_and_keeps_only_the_files_name()
    {
        var job = NewJob("../../evil/records.csv");

        Assert.Equal((ImportJobStatus.Queued, 0, false), (job.Status, job.Percent, job.IsFinished));
        Assert.Equal("records.csv", job.FileName);
        Assert.Null(job.ClaimedBy);
    }

    [Fact]
    public void A_queued_job_can_be_cancelled_once_and_then_counts_as_finished()
    {
        var job = NewJob();

        job.Cancel(Now.AddMinutes(1));

        Assert.Equal((ImportJobStatus.Cancelled, true, 100), (job.Status, job.IsFinished, job.Percent));
        Assert.Equal("ImportJob.NotQueued", Assert.Throws<DomainException>(() => job.Cancel(Now)).Code);
    }

    [Fact]
    public void A_job_no_worker_is_running_cannot_succeed_or_fail()
    {
        var job = NewJob();

        Assert.Equal("ImportJob.NotRunning", Assert.Throws<DomainException>(() => job.Succeed(1, 0, 0, null, Now)).Code);
        Assert.Equal("ImportJob.NotRunning", Assert.Throws<DomainException>(() => job.Fail(1, "[]", null, Now)).Code);
        Assert.Equal(ImportJobStatus.Queued, job.Status);
    }
}
