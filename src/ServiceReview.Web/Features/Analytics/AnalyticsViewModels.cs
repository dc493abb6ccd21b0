using ServiceReview.Core.Analytics;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>The bias page: the range filter, the report and the rounds whose agreement can be opened.</summary>
public sealed class BiasPageViewModel
{
    public required DateOnly? From { get; init; }

    public required DateOnly? To { get; init; }

    /// <summary>The page of the inspector table shown (and the report's range, bounds and categories).</summary>
    public required InspectorBiasPage Page { get; init; }

    public required BiasListQuery Query { get; init; }

    public InspectorBiasReport Report => Page.Report;

    public required Paged<RoundSummary> Rounds { get; init; }

    /// <summary>The rows of the page that have a difference, as the chart script reads them (invariant numbers).</summary>
    public IReadOnlyList<object> ChartRows => Report.Inspectors
        .Where(r => r.Difference is not null)
        .Select(r => (object)new
        {
            name = r.Name,
            mean = Figure.Round(r.Difference!.Mean, FigureKind.Points),
            low = Figure.Round(r.Difference.CiLow, FigureKind.Points),
            high = Figure.Round(r.Difference.CiHigh, FigureKind.Points),
            flag = r.Flag?.ToString(),
        })
        .ToList();
}

/// <summary>The round's agreement page.</summary>
public sealed class RoundAgreementViewModel
{
    public required RoundAgreement Agreement { get; init; }

    public IReadOnlyList<IndicatorAgreement> PoorIndicators =>
        Agreement.Indicators.Where(i => i.Reading == AgreementReading.Poor).ToList();
}

/// <summary>How the accuracy pages write statistics: through <see cref="Display"/> (one format per kind), "—" for none.</summary>
public static class Stat
{
    /// <summary>A signed difference in points, one decimal.</summary>
    public static string Points(double? value) => Display.SignedPoints(value);

    /// <summary>An unsigned statistic in points (a standard error, a bound), one decimal.</summary>
    public static string Plain(double? value) => Display.Points(value);

    public static string Coefficient(double? value) => Display.Coefficient(value);

    /// <summary>A share held as a fraction (0.25), shown as a percentage with one decimal ("25.0%").</summary>
    public static string Percent(double value) => Display.Percent(value * 100);

    /// <summary>A configured bound (a parameter, not a figure), as set: "5", "2.5".</summary>
    public static string Bound(double value) => value.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>A duration in seconds as whole minutes (a time, not a figure kind).</summary>
    public static string Minutes(double seconds) => (seconds / 60).ToString("0", System.Globalization.CultureInfo.CurrentCulture);

    public static string ReadingClass(AgreementReading? reading) => reading switch
    {
        AgreementReading.Poor => "text-bg-danger",
        AgreementReading.Moderate => "text-bg-warning",
        AgreementReading.Good => "text-bg-success",
        AgreementReading.Excellent => "text-bg-primary",
        _ => "text-bg-light border",
    };
}
