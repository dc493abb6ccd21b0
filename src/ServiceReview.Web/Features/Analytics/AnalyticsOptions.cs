using System.Globalization;
using ServiceReview.Core.Analytics;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>
/// The bounds of the accuracy statistics, from configuration (<c>Analytics:Bias:MinDifference</c>,
/// <c>Analytics:Bias:MinShared</c>, <c>Analytics:Bias:RequireSignificance</c>, <c>Analytics:Signals:*</c>); anything not
/// set keeps the defaults of docs/accuracy.md.
/// </summary>
public sealed record AnalyticsOptions(BiasBounds Bias, SignalBounds Signals)
{
    public static AnalyticsOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var b = BiasBounds.Default;
        var s = SignalBounds.Default;
        return new AnalyticsOptions(
            new BiasBounds
            {
                MinDifference = Number(configuration, "Analytics:Bias:MinDifference") ?? b.MinDifference,
                MinShared = (int?)Number(configuration, "Analytics:Bias:MinShared") ?? b.MinShared,
                RequireSignificance = bool.TryParse(configuration["Analytics:Bias:RequireSignificance"], out var sig) ? sig : b.RequireSignificance,
            },
            new SignalBounds
            {
                NotApplicableMargin = Number(configuration, "Analytics:Signals:NotApplicableMargin") ?? s.NotApplicableMargin,
                CeilingScore = Number(configuration, "Analytics:Signals:CeilingScore") ?? s.CeilingScore,
                CeilingShare = Number(configuration, "Analytics:Signals:CeilingShare") ?? s.CeilingShare,
                MinEvidenceLength = (int?)Number(configuration, "Analytics:Signals:MinEvidenceLength") ?? s.MinEvidenceLength,
                FastShareOfMedian = Number(configuration, "Analytics:Signals:FastShareOfMedian") ?? s.FastShareOfMedian,
                MinInspectionsForMedian = (int?)Number(configuration, "Analytics:Signals:MinInspectionsForMedian") ?? s.MinInspectionsForMedian,
            });
    }

    private static double? Number(IConfiguration configuration, string key) =>
        double.TryParse(configuration[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
