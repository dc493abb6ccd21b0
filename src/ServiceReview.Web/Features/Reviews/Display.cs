using System.Globalization;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Web.Features.Reviews;

/// <summary>
/// How pages show figures: each kind of figure rounded once and formatted as <see cref="Figure"/> defines it (scores
/// and points "98.0", percentages "96.4%", coefficients "0.88", counts "12"), in the user's culture; "—" for none.
/// Times are shown through <c>Clock.Time</c> (Common/OrganisationTimeFormat) in the organisation's zone.
/// </summary>
public static class Display
{
    public static string Score(decimal? value) => Format(value, FigureKind.Score);

    public static string Points(decimal? value) => Format(value, FigureKind.Points);

    /// <summary>A percentage held as the percent number (96.4 → "96.4%").</summary>
    public static string Percent(decimal? value) => value is null ? "—" : Format(value, FigureKind.Percent) + "%";

    public static string Percent(double? value) => Percent(ToDecimal(value));

    public static string Coefficient(double? value) => Format(ToDecimal(value), FigureKind.Coefficient);

    public static string Coefficient(decimal? value) => Format(value, FigureKind.Coefficient);

    public static string Count(int? value) => value is { } v ? v.ToString("0", CultureInfo.CurrentCulture) : "—";

    /// <summary>A statistic held as a double (a mean difference, a spread), as points: rounded once, one decimal.</summary>
    public static string Points(double? value) => Format(ToDecimal(value), FigureKind.Points);

    /// <summary>A signed difference in points ("+1.5", "−0.3", "0.0"), rounded once like <see cref="Points(double?)"/>.</summary>
    public static string SignedPoints(double? value) =>
        ToDecimal(value) is { } v ? Figure.Round(v, FigureKind.Points).ToString("+0.0;−0.0;0.0", CultureInfo.CurrentCulture) : "—";

    /// <summary>
    /// The figure rounded once to its kind's precision, in the invariant culture, for a <c>data-</c> attribute or a
    /// script (null for none, so the attribute is left out).
    /// </summary>
    public static string? Value(decimal? value, FigureKind kind) =>
        value is { } v ? Figure.Round(v, kind).ToString(Figure.DotNetFormat(kind), CultureInfo.InvariantCulture) : null;

    public static string? Value(double? value, FigureKind kind) => Value(ToDecimal(value), kind);

    /// <summary>A figure of the given kind, rounded once (half away from zero) and formatted; "—" for none.</summary>
    public static string Format(decimal? value, FigureKind kind) =>
        value is { } v ? Figure.Round(v, kind).ToString(Figure.DotNetFormat(kind), CultureInfo.CurrentCulture) : "—";

    /// <summary>An input value as typed (a measured value or a count), without trailing zeros: not a figure kind.</summary>
    public static string Number(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.CurrentCulture) : "—";

    private static decimal? ToDecimal(double? value) => value is { } v && double.IsFinite(v) ? (decimal)v : null;

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
