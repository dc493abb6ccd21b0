namespace ServiceReview.Core.Analytics;

/// <summary>
/// A sample mean with its standard error and t-based 95 % confidence interval. With one value there is a mean but no
/// standard error or interval (null), never NaN.
/// </summary>
public sealed record MeanWithInterval(int Count, double Mean, double? StandardError, double? CiLow, double? CiHigh)
{
    /// <summary>The mean of <paramref name="values"/> (null when there are none).</summary>
    public static MeanWithInterval? Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0)
        {
            return null;
        }

        var mean = values.Average();
        if (n == 1)
        {
            return new MeanWithInterval(1, mean, null, null, null);
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var se = Math.Sqrt(variance / n);
        var half = StudentT.Quantile975(n - 1) * se;
        return new MeanWithInterval(n, mean, se, mean - half, mean + half);
    }

    /// <summary>The interval lies wholly above or below zero: different from 0 at the 95 % level.</summary>
    public bool ExcludesZero => CiLow is { } low && CiHigh is { } high && (low > 0 || high < 0);
}
