using ServiceReview.Core.Analytics;

namespace ServiceReview.Core.Tests.Analytics;

/// <summary>Means with intervals, t quantiles and the readings of agreement coefficients.</summary>
public class StatisticsBasicsTests
{
    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(5, 2.571)]
    [InlineData(30, 2.042)]
    [InlineData(40, 2.021)]
    [InlineData(60, 2.000)]
    [InlineData(120, 1.980)]
    [InlineData(100000, 1.960)]
    public void The_t_quantile_matches_the_published_table(int df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile975(df), 3);
    }

    [Fact]
    public void A_mean_has_a_t_based_interval_computed_by_hand()
    {
        // 2, 4, 6, 8: mean 5, s² = 20/3, SE = √(20/3/4) = 1.2910; t(3) = 3.182.
        var m = MeanWithInterval.Of([2, 4, 6, 8])!;

        Assert.Equal(5, m.Mean, 10);
        Assert.Equal(1.2910, m.StandardError!.Value, 4);
        Assert.Equal(5 - (3.182 * 1.290994), m.CiLow!.Value, 4);
        Assert.Equal(5 + (3.182 * 1.290994), m.CiHigh!.Value, 4);
        Assert.True(m.ExcludesZero);
    }

    [Fact]
    public void One_value_has_a_mean_but_no_interval_and_none_has_nothing()
    {
        var one = MeanWithInterval.Of([7.5])!;
        Assert.Equal(7.5, one.Mean);
        Assert.Null(one.StandardError);
        Assert.False(one.ExcludesZero);
        Assert.Null(MeanWithInterval.Of([]));
    }

    [Fact]
    public void Equal_values_have_a_zero_width_interval_not_NaN()
    {
        var m = MeanWithInterval.Of([6, 6, 6])!;

        Assert.Equal(0, m.StandardError);
        Assert.Equal(6, m.CiLow);
        Assert.True(m.ExcludesZero);
    }

    [Theory]
    [InlineData(0.49, AgreementReading.Poor)]
    [InlineData(0.5, AgreementReading.Moderate)]
    [InlineData(0.75, AgreementReading.Good)]
    [InlineData(0.9, AgreementReading.Excellent)]
    [InlineData(-0.3, AgreementReading.Poor)]
    public void ICC_reads_by_Koo_and_Li(double icc, AgreementReading expected)
    {
        Assert.Equal(expected, AgreementReadings.ForIcc(icc));
    }

    [Theory]
    [InlineData(0.666, AgreementReading.Poor)]
    [InlineData(0.667, AgreementReading.Moderate)]
    [InlineData(0.8, AgreementReading.Good)]
    [InlineData(0.95, AgreementReading.Excellent)]
    public void Alpha_reads_by_Krippendorffs_thresholds(double alpha, AgreementReading expected)
    {
        Assert.Equal(expected, AgreementReadings.ForAlpha(alpha));
    }

    [Fact]
    public void No_value_has_no_reading()
    {
        Assert.Null(AgreementReadings.ForIcc(null));
        Assert.Null(AgreementReadings.ForAlpha(null));
    }
}
