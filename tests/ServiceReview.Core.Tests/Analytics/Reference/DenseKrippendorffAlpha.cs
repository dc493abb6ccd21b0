using ServiceReview.Core.Analytics;

namespace ServiceReview.Core.Tests.Analytics.Reference;

/// <summary>
/// The reference for the property test: the implementation the app used before issue #15 (a dense units × coders
/// input and a values × values coincidence matrix), kept verbatim. Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") from reliability data with
/// missing values, through the coincidence matrix. α = 1 − (n − 1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
/// </summary>
public static class DenseKrippendorffAlpha
{
    /// <summary>
    /// Alpha over <paramref name="units"/> (each unit's values, one per coder who judged it; null = not judged).
    /// Units with fewer than two values cannot be paired and are left out. Null when fewer than two pairable units
    /// remain or when all pairable values are equal (no expected disagreement: nothing to tell agreement from chance).
    /// </summary>
    public static double? Compute(IReadOnlyList<IReadOnlyList<double?>> units, AlphaMetric metric)
    {
        ArgumentNullException.ThrowIfNull(units);
        var pairable = units.Select(u => u.Where(v => v.HasValue).Select(v => v!.Value).ToArray()).Where(u => u.Length >= 2).ToList();
        if (pairable.Count < 2)
        {
            return null;
        }

        var values = pairable.SelectMany(u => u).Distinct().Order().ToArray();
        var index = values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var size = values.Length;
        if (size < 2)
        {
            return null;
        }

        // Coincidence matrix: each ordered pair of values within a unit, weighted 1/(m_u − 1).
        var o = new double[size, size];
        foreach (var unit in pairable)
        {
            var weight = 1.0 / (unit.Length - 1);
            for (var a = 0; a < unit.Length; a++)
            {
                for (var b = 0; b < unit.Length; b++)
                {
                    if (a != b)
                    {
                        o[index[unit[a]], index[unit[b]]] += weight;
                    }
                }
            }
        }

        var nc = new double[size];
        for (var c = 0; c < size; c++)
        {
            for (var k = 0; k < size; k++)
            {
                nc[c] += o[c, k];
            }
        }

        var n = nc.Sum();
        double observed = 0, expected = 0;
        for (var c = 0; c < size; c++)
        {
            for (var k = c + 1; k < size; k++)
            {
                var delta = Delta(metric, values, nc, c, k);
                observed += o[c, k] * delta;
                expected += nc[c] * nc[k] * delta;
            }
        }

        if (expected <= 0)
        {
            return null;
        }

        var alpha = 1 - ((n - 1) * observed / expected);
        return double.IsFinite(alpha) ? alpha : null;
    }

    private static double Delta(AlphaMetric metric, double[] values, double[] nc, int c, int k)
    {
        if (metric == AlphaMetric.Interval)
        {
            var d = values[c] - values[k];
            return d * d;
        }

        // Ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)², c < k in rank order.
        double sum = 0;
        for (var g = c; g <= k; g++)
        {
            sum += nc[g];
        }

        var r = sum - ((nc[c] + nc[k]) / 2);
        return r * r;
    }
}
