using System.Globalization;
using ServiceReview.Core.Plans;
using ServiceReview.Web.Features.Reviews;
using ServiceReview.Web.Features.ServiceRecords;

namespace ServiceReview.Web.Features.Records;

/// <summary>
/// From a measured figure on a record to the service records behind it: the team's records in the round's period that
/// failed the figure's rule ("23 of 29 complete" → the 6 incomplete ones), on the team's service-records page.
/// </summary>
public static class MeasuredRecordsLink
{
    /// <summary>The records that count against the team for a metric.</summary>
    public static RecordSlice FailingSlice(MeasuredMetric metric) => metric switch
    {
        MeasuredMetric.Complete => RecordSlice.Incomplete,
        MeasuredMetric.LateArchives => RecordSlice.LateArchive,
        MeasuredMetric.FirstResponseOnTime => RecordSlice.ResponseLate,
        MeasuredMetric.ResolvedOnTime => RecordSlice.ResolutionLate,
        MeasuredMetric.FirstContactResolution => RecordSlice.NotFirstContact,
        _ => RecordSlice.All,
    };

    /// <summary>How many records failed, from the stored figure (the late archives are the figure's numerator); null when unknown.</summary>
    public static int? FailingCount(MeasuredMetric metric, SheetRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return metric == MeasuredMetric.LateArchives
            ? row.MeasuredNumerator
            : row is { MeasuredNumerator: { } n, MeasuredDenominator: { } d } ? d - n : null;
    }

    /// <summary>The records that failed, judged as they stood when the figure was taken (<paramref name="asOf"/>, UTC).</summary>
    public static string Failing(int teamId, DateOnly from, DateOnly to, DateTime? asOf, MeasuredMetric metric) => Url(teamId, from, to, asOf, FailingSlice(metric));

    /// <summary>Every record of the team in the period.</summary>
    public static string All(int teamId, DateOnly from, DateOnly to, DateTime? asOf) => Url(teamId, from, to, asOf, RecordSlice.All);

    private static string Url(int teamId, DateOnly from, DateOnly to, DateTime? asOf, RecordSlice slice)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"/ServiceRecords/Team/{teamId}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&slice={slice}");
        return asOf is { } at
            ? url + "&asOf=" + DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)
            : url;
    }
}
