namespace ServiceReview.Core.Scoring;

/// <summary>The kinds of figure the product shows, stores or exports; each has one precision and one format.</summary>
public enum FigureKind
{
    /// <summary>A total or category score, or a mean of them: one decimal ("98.0").</summary>
    Score,

    /// <summary>Points an indicator earned, or its maximum beside them: one decimal ("6.1 / 7.0").</summary>
    Points,

    /// <summary>A percentage, held as the percent number (96.4 for 96.4 %): one decimal with "%".</summary>
    Percent,

    /// <summary>A coefficient such as Krippendorff's alpha, an ICC or a correlation: two decimals ("0.88").</summary>
    Coefficient,

    /// <summary>A count: whole number.</summary>
    Count,
}

/// <summary>
/// One number format per kind of figure, defined once (docs/scoring-rules.md, "Rounding and formats"). A figure is
/// rounded once, from its full-precision value, half away from zero, at the edge where a person or an integration
/// reads it (page, JSON, workbook). Pages format with <see cref="DotNetFormat"/>, workbooks write the rounded number
/// with <see cref="ExcelFormat"/> (a number cell, never text).
/// </summary>
public static class Figure
{
    public static int Decimals(FigureKind kind) => kind switch
    {
        FigureKind.Score or FigureKind.Points or FigureKind.Percent => 1,
        FigureKind.Coefficient => 2,
        _ => 0,
    };

    /// <summary>The figure rounded once to its kind's precision, half away from zero.</summary>
    public static decimal Round(decimal value, FigureKind kind) => Math.Round(value, Decimals(kind), MidpointRounding.AwayFromZero);

    public static decimal? Round(decimal? value, FigureKind kind) => value is { } v ? Round(v, kind) : null;

    /// <summary>A double figure (statistics) rounded once; NaN and infinities become null.</summary>
    public static double? Round(double? value, FigureKind kind) =>
        value is { } v && double.IsFinite(v) ? (double)Round((decimal)v, kind) : null;

    /// <summary>The .NET format string of the kind (the caller adds the culture); a percentage gets its "%" from the view text.</summary>
    public static string DotNetFormat(FigureKind kind) => kind switch
    {
        FigureKind.Score or FigureKind.Points or FigureKind.Percent => "0.0",
        FigureKind.Coefficient => "0.00",
        _ => "0",
    };

    /// <summary>
    /// The Excel number format of the kind. A percentage is written as a fraction (96.4 % → 0.964) with "0.0%", so
    /// the cell sorts, sums and charts as a percentage in Excel, WPS and LibreOffice.
    /// </summary>
    public static string ExcelFormat(FigureKind kind) => kind switch
    {
        FigureKind.Score or FigureKind.Points => "0.0",
        FigureKind.Percent => "0.0%",
        FigureKind.Coefficient => "0.00",
        _ => "0",
    };
}
