using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Core.Tests.Organisation;

public sealed class ServiceRecordTests
{
    private static readonly DateTime Received = new(2026, 9, 1, 1, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-1, 5, null, null, "ServiceRecord.ResponseBeforeReceipt")]
    [InlineData(1, -2, null, null, "ServiceRecord.ResolvedBeforeReceipt")]
    [InlineData(1, 5, 6, 4, "ServiceRecord.ArchivedBeforeClosed")]
    public void Times_out_of_order_are_refused(int responseHours, int resolvedHours, int? closedHours, int? archivedHours, string code)
    {
        var record = new ServiceRecord(1, "T-1");
        var data = new ServiceRecordData
        {
            ReceivedAt = Received,
            FirstResponseAt = Received.AddHours(responseHours),
            ResolvedAt = Received.AddHours(resolvedHours),
            ClosedAt = closedHours is null ? null : Received.AddHours(closedHours.Value),
            ArchivedAt = archivedHours is null ? null : Received.AddHours(archivedHours.Value),
        };

        Assert.Equal(code, Assert.Throws<DomainException>(() => record.Update(data, Received)).Code);
    }

    [Fact]
    public void Blank_text_is_stored_as_missing()
    {
        var record = new ServiceRecord(1, " T-2 ");
        record.Update(new ServiceRecordData { Customer = "  ", Handler = " 张敏 " }, Received);

        Assert.Equal(("T-2", null, "张敏"), (record.TicketId, record.Customer, record.Handler));
    }

    [Fact]
    public void A_working_calendar_skips_weekends_and_holidays()
    {
        var calendar = new WorkingCalendar(WorkDays.Weekdays, new TimeOnly(9, 0), new TimeOnly(18, 0), [new Holiday(new DateOnly(2026, 10, 1), "国庆节")]);

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 9, 30)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 3)));
    }

    [Fact]
    public void Time_limits_must_be_positive()
    {
        Assert.Equal("Project.LimitNotPositive", Assert.Throws<DomainException>(() => new ServiceLimits(0, 24, 48)).Code);
    }
}
