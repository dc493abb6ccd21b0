using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>What computing a team's figures needs: the period in UTC, the project's limits and how it counts time.</summary>
public sealed record MeasuredContext(int TeamId, ServicePeriod Period, DateTime AsOfUtc, ServiceLimits Limits, WorkingTime Time, TimeZoneInfo Zone)
{
    /// <summary>SQL can judge calendar hours itself; a working calendar is judged in .NET on streamed columns.</summary>
    public bool InDatabase => Time.IsCalendarTime;
}
