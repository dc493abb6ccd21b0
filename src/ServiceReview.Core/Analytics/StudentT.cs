namespace ServiceReview.Core.Analytics;

/// <summary>Critical values of Student's t distribution for two-sided 95 % confidence intervals.</summary>
public static class StudentT
{
    // t(0.975, df) for df = 1..30, from the standard tables (three decimals).
    private static readonly double[] Table =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    private const double Z975 = 1.959964;

    /// <summary>
    /// The 97.5 % quantile of t with <paramref name="degreesOfFreedom"/> (≥ 1): the table up to 30, beyond that the
    /// Cornish–Fisher expansion around the normal quantile (error below 0.001 from df 31 on).
    /// </summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table.Length)
        {
            return Table[degreesOfFreedom - 1];
        }

        double z = Z975, n = degreesOfFreedom;
        double z3 = z * z * z, z5 = z3 * z * z;
        return z + ((z3 + z) / (4 * n)) + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * n * n));
    }
}
