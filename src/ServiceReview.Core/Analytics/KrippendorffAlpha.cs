namespace ServiceReview.Core.Analytics;

/// <summary>The level of measurement that decides how far apart two values are for Krippendorff's alpha.</summary>
public enum AlphaMetric
{
    /// <summary>δ² = (c − k)²: differences of values count by their size (totals, points).</summary>
    Interval,

    /// <summary>δ² from the ranks of the values (rating levels): only the order counts, not the distance.</summary>
    Ordinal,
}

/// <summary>
/// Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") from reliability data with
/// missing values. α = 1 − (n − 1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, computed from each unit's own values (the sparse
/// set of judgements), never from a units × coders matrix or a values × values coincidence matrix:
/// <list type="bullet">
/// <item>interval: Σ o_ck δ²_ck = Σ_u (m_u·Σv² − (Σv)²)/(m_u − 1) over each unit u's m_u values, and
/// Σ n_c n_k δ²_ck = n·Σv² − (Σv)² over all n pairable values — one pass over the values;</item>
/// <item>ordinal: the distinct values sorted once with their counts n_c; δ²_ck from the running sums of n_g, pairs
/// within each unit for the observed part, pairs of distinct values for the expected part.</item>
/// </list>
/// </summary>
public static class KrippendorffAlpha
{
    /// <summary>
    /// Alpha over <paramref name="units"/> (each unit's values, one per coder who judged it; null = not judged).
    /// Units with fewer than two values cannot be paired and are left out. Null when fewer than two pairable units
    /// remain or when all pairable values are equal (no expected disagreement: nothing to tell agreement from chance).
    /// </summary>
    public static double? Compute(IReadOnlyList<IReadOnlyList<double?>> units, AlphaMetric metric)
    {
        ArgumentNullException.ThrowIfNull(units);
        return FromValues(units.Select(u => (IReadOnlyList<double>)u.Where(v => v.HasValue).Select(v => v!.Value).ToArray()), metric);
    }

    /// <summary>
    /// Alpha from each unit's values only (the judgements made; nothing for coders who did not judge the unit), as
    /// <see cref="Compute"/> gives for the same data with the missing cells filled with null.
    /// </summary>
    public static double? FromValues(IEnumerable<IReadOnlyList<double>> units, AlphaMetric metric)
    {
        ArgumentNullException.ThrowIfNull(units);
        var pairable = units.Where(u => u.Count >= 2).ToList();
        if (pairable.Count < 2)
        {
            return null;
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var unit in pairable)
        {
            foreach (var v in unit)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (!(min < max))
        {
            return null;
        }

        var (n, observed, expected) = metric == AlphaMetric.Interval ? Interval(pairable) : Ordinal(pairable);
        if (expected <= 0)
        {
            return null;
        }

        var alpha = 1 - ((n - 1) * observed / expected);
        return double.IsFinite(alpha) ? alpha : null;
    }

    private static (double N, double Observed, double Expected) Interval(List<IReadOnlyList<double>> units)
    {
        // Sums of values and of squares: exact for the values a round holds (points in halves, totals), so alpha is
        // the coincidence matrix's to the last digit in the usual cases, and a tie between indicators stays a tie.
        double n = 0, sum = 0, squares = 0, observed = 0;
        foreach (var unit in units)
        {
            double unitSum = 0, unitSquares = 0;
            foreach (var v in unit)
            {
                unitSum += v;
                unitSquares += v * v;
            }

            // Each unordered pair {a, b} of the unit adds (v_a − v_b)²/(m − 1); their sum is (m·Σv² − (Σv)²)/(m − 1).
            observed += Math.Max(0, (unit.Count * unitSquares) - (unitSum * unitSum)) / (unit.Count - 1);
            n += unit.Count;
            sum += unitSum;
            squares += unitSquares;
        }

        // Σ over unordered pairs of all n values of (v_a − v_b)² = n·Σv² − (Σv)².
        return (n, observed, (n * squares) - (sum * sum));
    }

    private static (double N, double Observed, double Expected) Ordinal(List<IReadOnlyList<double>> units)
    {
        // Distinct values in order with their counts n_c; cumulative[c] = Σ_{g < c} n_g.
        var counts = new SortedDictionary<double, int>();
        foreach (var unit in units)
        {
            foreach (var v in unit)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        var size = counts.Count;
        var nc = new double[size];
        var rank = new Dictionary<double, int>(size);
        var i = 0;
        foreach (var (value, count) in counts)
        {
            nc[i] = count;
            rank[value] = i++;
        }

        var cumulative = new double[size + 1];
        for (var c = 0; c < size; c++)
        {
            cumulative[c + 1] = cumulative[c] + nc[c];
        }

        double Delta(int c, int k)
        {
            if (c > k)
            {
                (c, k) = (k, c);
            }

            var r = cumulative[k + 1] - cumulative[c] - ((nc[c] + nc[k]) / 2);
            return r * r;
        }

        double observed = 0;
        foreach (var unit in units)
        {
            var weight = 1.0 / (unit.Count - 1);
            for (var a = 0; a < unit.Count; a++)
            {
                for (var b = a + 1; b < unit.Count; b++)
                {
                    var (ra, rb) = (rank[unit[a]], rank[unit[b]]);
                    if (ra != rb)
                    {
                        observed += weight * Delta(ra, rb);
                    }
                }
            }
        }

        double expected = 0;
        for (var c = 0; c < size; c++)
        {
            for (var k = c + 1; k < size; k++)
            {
                expected += nc[c] * nc[k] * Delta(c, k);
            }
        }

        return (cumulative[size], observed, expected);
    }
}
