namespace ServiceReview.Core.Analytics;

/// <summary>The ICC form used: one-way random (each unit rated by its own raters) or two-way random (fully crossed).</summary>
public enum IccModel
{
    /// <summary>ICC(1,1), Shrout &amp; Fleiss case 1: one-way random effects, single rater, absolute agreement.</summary>
    OneWay,

    /// <summary>ICC(2,1), Shrout &amp; Fleiss case 2: two-way random effects, single rater, absolute agreement.</summary>
    TwoWay,
}

/// <summary>An ICC value, the model it was computed with and the units/ratings it rests on.</summary>
public sealed record IccResult(IccModel Model, double? Value, int Units, int Ratings)
{
    public string ModelName => Model == IccModel.OneWay ? "ICC(1,1)" : "ICC(2,1)";
}

/// <summary>One rating of a unit (a team) by a rater (an inspector); a unit has at most one rating per rater.</summary>
public readonly record struct Rating(int Unit, int Rater, double Value);

/// <summary>
/// Intraclass correlation (Shrout &amp; Fleiss 1979) from a units × raters matrix in which a missing rating is null.
/// Every method returns null instead of NaN when the data cannot give a value (too few units or ratings, or no variance).
/// </summary>
public static class IntraclassCorrelation
{
    /// <summary>
    /// ICC(1,1) for a possibly unbalanced design: units with fewer than two ratings are left out; with unequal numbers
    /// of ratings per unit the average group size k0 = (N − Σkᵢ²/N)/(n − 1) replaces k (one-way ANOVA estimator).
    /// </summary>
    public static IccResult OneWay(IReadOnlyList<IReadOnlyList<double?>> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var units = matrix.Select(row => row.Where(v => v.HasValue).Select(v => v!.Value).ToArray()).Where(r => r.Length >= 2).ToList();
        var n = units.Count;
        var total = units.Sum(u => u.Length);
        if (n < 2)
        {
            return new IccResult(IccModel.OneWay, null, n, total);
        }

        var grand = units.SelectMany(u => u).Average();
        var ssBetween = units.Sum(u => u.Length * Square(u.Average() - grand));
        var ssWithin = units.Sum(u => { var m = u.Average(); return u.Sum(v => Square(v - m)); });
        var msBetween = ssBetween / (n - 1);
        var msWithin = ssWithin / (total - n);
        var k0 = (total - (units.Sum(u => (double)u.Length * u.Length) / total)) / (n - 1);
        return new IccResult(IccModel.OneWay, Ratio(msBetween - msWithin, msBetween + ((k0 - 1) * msWithin)), n, total);
    }

    /// <summary>
    /// ICC(2,1) on the complete cases: only units rated by every rater (column) take part. Raters with no rating at
    /// all are dropped first, so a rater absent from the round does not empty the matrix.
    /// </summary>
    public static IccResult TwoWay(IReadOnlyList<IReadOnlyList<double?>> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var columns = matrix.Count == 0 ? 0 : matrix.Max(r => r.Count);
        var used = Enumerable.Range(0, columns).Where(j => matrix.Any(r => j < r.Count && r[j].HasValue)).ToList();
        var rows = matrix.Where(r => used.All(j => j < r.Count && r[j].HasValue)).Select(r => used.Select(j => r[j]!.Value).ToArray()).ToList();
        int n = rows.Count, k = used.Count;
        if (n < 2 || k < 2)
        {
            return new IccResult(IccModel.TwoWay, null, n, n * k);
        }

        var grand = rows.SelectMany(r => r).Average();
        var ssRows = k * rows.Sum(r => Square(r.Average() - grand));
        var ssColumns = n * Enumerable.Range(0, k).Sum(j => Square(rows.Average(r => r[j]) - grand));
        var ssTotal = rows.SelectMany(r => r).Sum(v => Square(v - grand));
        var ssError = ssTotal - ssRows - ssColumns;
        var bms = ssRows / (n - 1);
        var jms = ssColumns / (k - 1);
        var ems = Math.Max(0, ssError) / ((n - 1) * (k - 1));
        return new IccResult(IccModel.TwoWay, Ratio(bms - ems, bms + ((k - 1) * ems) + (k * (jms - ems) / n)), n, n * k);
    }

    /// <summary>
    /// The ICC that fits the design: ICC(2,1) when every unit was rated by every rater (fully crossed, at least two
    /// units and two raters), otherwise ICC(1,1).
    /// </summary>
    public static IccResult ForDesign(IReadOnlyList<IReadOnlyList<double?>> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var columns = matrix.Count == 0 ? 0 : matrix.Max(r => r.Count);
        var raters = Enumerable.Range(0, columns).Where(j => matrix.Any(r => j < r.Count && r[j].HasValue)).ToList();
        var rated = matrix.Where(r => r.Any(v => v.HasValue)).ToList();
        var crossed = raters.Count >= 2 && rated.Count >= 2 && rated.All(r => raters.All(j => j < r.Count && r[j].HasValue));
        return crossed ? TwoWay(matrix) : OneWay(matrix);
    }

    /// <summary>
    /// <see cref="ForDesign(IReadOnlyList{IReadOnlyList{double?}})"/> from the ratings given (the sparse set), in the
    /// order the matrix would hold them (units by id, raters by id), so the figures are the same without building
    /// a units × raters matrix of mostly missing cells: only a fully crossed design (every unit rated by every rater)
    /// is laid out as a matrix, and that matrix has no empty cell.
    /// </summary>
    public static IccResult ForDesign(IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var list = ratings.ToList();
        var raters = list.Select(r => r.Rater).Distinct().Count();
        var units = list.GroupBy(r => r.Unit).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<double?>)g.OrderBy(r => r.Rater).Select(r => (double?)r.Value).ToArray())
            .ToList();
        var crossed = raters >= 2 && units.Count >= 2 && units.All(u => u.Count == raters);
        return crossed ? TwoWay(units) : OneWay(units);
    }

    private static double Square(double x) => x * x;

    private static double? Ratio(double numerator, double denominator) =>
        denominator > 1e-12 && double.IsFinite(numerator / denominator) ? numerator / denominator : null;
}
