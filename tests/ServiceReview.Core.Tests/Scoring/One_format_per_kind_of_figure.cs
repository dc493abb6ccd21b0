using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Tests.Scoring;

/// <summary>Each kind of figure has one precision and one format, and is rounded once, half away from zero.</summary>
public class One_format_per_kind_of_figure
{
    [Theory]
    [InlineData(FigureKind.Score, 12.25, 12.3)]
    [InlineData(FigureKind.Score, -12.25, -12.3)]
    [InlineData(FigureKind.Points, 6.0667, 6.1)]
    [InlineData(FigureKind.Percent, 96.45, 96.5)]
    [InlineData(FigureKind.Coefficient, 0.8845, 0.88)]
    [InlineData(FigureKind.Coefficient, 0.885, 0.89)]
    [InlineData(FigureKind.Count, 2.5, 3)]
    public void A_figure_rounds_once_to_its_kinds_precision_half_away_from_zero(FigureKind kind, double value, double expected)
    {
        Assert.Equal((decimal)expected, Figure.Round((decimal)value, kind));
    }

    [Fact]
    public void Rounding_once_from_full_precision_differs_from_rounding_twice()
    {
        // 0.8845 → 0.88 once; rounding to three places first (0.885) and then to two would give 0.89.
        Assert.Equal(0.88m, Figure.Round(0.8845m, FigureKind.Coefficient));
        Assert.Equal(0.89m, Figure.Round(Math.Round(0.8845m, 3, MidpointRounding.AwayFromZero), FigureKind.Coefficient));
    }

    [Theory]
    [InlineData(FigureKind.Score, "0.0", "0.0")]
    [InlineData(FigureKind.Points, "0.0", "0.0")]
    [InlineData(FigureKind.Percent, "0.0", "0.0%")]
    [InlineData(FigureKind.Coefficient, "0.00", "0.00")]
    [InlineData(FigureKind.Count, "0", "0")]
    public void Pages_and_workbooks_share_each_kinds_precision(FigureKind kind, string dotNet, string excel)
    {
        Assert.Equal(dotNet, Figure.DotNetFormat(kind));
        Assert.Equal(excel, Figure.ExcelFormat(kind));
    }

    [Fact]
    public void A_statistic_that_is_not_a_number_has_no_figure()
    {
        Assert.Null(Figure.Round(double.NaN, FigureKind.Coefficient));
        Assert.Null(Figure.Round((double?)null, FigureKind.Coefficient));
        Assert.Equal(0.88, Figure.Round(0.8845, FigureKind.Coefficient));
    }
}
