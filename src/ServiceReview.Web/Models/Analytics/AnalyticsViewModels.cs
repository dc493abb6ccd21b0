using ServiceReview.Infrastructure.Common;
using System.Globalization;
using ServiceReview.Core.Analytics;
using ServiceReview.Infrastructure.Analytics;
using ServiceReview.Infrastructure.Results;

namespace ServiceReview.Web.Models.Analytics;

/// <summary>The bias page: the range filter, the report and the rounds whose agreement can be opened.</summary>
public sealed class BiasPageViewModel
{
    public required DateOnly? From { get; init; }

    public required DateOnly? To { get; init; }

    public required InspectorBiasReport Report { get; init; }

    public required Paged<RoundSummary> Rounds { get; init; }

    /// <summary>The rows that have a difference, as the chart script reads them (invariant numbers).</summary>
    public IReadOnlyList<object> ChartRows => Report.Inspectors
        .Where(r => r.Difference is not null)
        .Select(r => (object)new
        {
            name = r.Name,
            mean = Math.Round(r.Difference!.Mean, 2),
            low = r.Difference.CiLow is { } l ? Math.Round(l, 2) : (double?)null,
            high = r.Difference.CiHigh is { } h ? Math.Round(h, 2) : (double?)null,
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

/// <summary>How the accuracy pages write statistics: in the user's culture, "—" for none.</summary>
public static class Stat
{
    public static string Points(double? value) => value is { } v ? v.ToString("+0.0;−0.0;0.0", CultureInfo.CurrentCulture) : "—";

    public static string Plain(double? value, string format = "0.0") => value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : "—";

    public static string Coefficient(double? value) =>
        value is { } v && double.IsFinite(v) ? Math.Round((decimal)v, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.CurrentCulture) : "—";

    public static string Percent(double value) => value.ToString("P0", CultureInfo.CurrentCulture);

    public static string ReadingClass(AgreementReading? reading) => reading switch
    {
        AgreementReading.Poor => "text-bg-danger",
        AgreementReading.Moderate => "text-bg-warning",
        AgreementReading.Good => "text-bg-success",
        AgreementReading.Excellent => "text-bg-primary",
        _ => "text-bg-light border",
    };
}
