using ServiceReview.Core.Analytics;
using ServiceReview.Core.Tests.Analytics.Reference;

namespace ServiceReview.Core.Tests.Analytics;

/// <summary>
/// Property test (issue #15): alpha from each unit's own values (no matrix) equals the dense coincidence-matrix
/// implementation the app used before, on random sparse reliability data of the shapes a round has — ratings
/// (ordinal levels), points in halves, totals with one decimal — and the sparse ICC equals the dense one.
/// </summary>
public class Sparse_alpha_matches_the_dense_reference
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_sparse_data_give_the_same_alpha_and_icc(int seed)
    {
        var random = new Random(seed);
        var units = random.Next(1, 80);
        var coders = random.Next(1, 14);
        var presence = 0.1 + (random.NextDouble() * 0.9);
        Func<double> value = (seed % 3) switch
        {
            0 => () => random.Next(0, 5),                               // rating levels
            1 => () => random.Next(0, 21) / 2.0,                        // points in halves
            _ => () => Math.Round(40 + (random.NextDouble() * 60), 1),  // totals, one decimal
        };
        var matrix = Enumerable.Range(0, units)
            .Select(_ => (IReadOnlyList<double?>)Enumerable.Range(0, coders).Select(_ => random.NextDouble() < presence ? value() : (double?)null).ToArray())
            .ToList();
        var sparse = matrix.Select(row => (IReadOnlyList<double>)row.Where(v => v.HasValue).Select(v => v!.Value).ToArray()).ToList();
        var ratings = matrix.SelectMany((row, u) => row.Select((v, r) => (v, r)).Where(x => x.v.HasValue).Select(x => new Rating(u, x.r, x.v!.Value))).ToList();

        foreach (var metric in new[] { AlphaMetric.Interval, AlphaMetric.Ordinal })
        {
            var expected = DenseKrippendorffAlpha.Compute(matrix, metric);
            var actual = KrippendorffAlpha.FromValues(sparse, metric);
            Assert.Equal(expected is null, actual is null);
            if (expected is { } e)
            {
                Assert.Equal(e, actual!.Value, 1e-9);
                // The figure people read (two decimals) is the same.
                Assert.Equal(Math.Round(e, 2), Math.Round(actual.Value, 2));
            }

            Assert.Equal(expected, KrippendorffAlpha.Compute(matrix, metric) is { } viaMatrix ? viaMatrix : null, new Close());
        }

        var denseIcc = IntraclassCorrelation.ForDesign(matrix);
        var sparseIcc = IntraclassCorrelation.ForDesign(ratings);
        Assert.Equal(denseIcc, sparseIcc);
    }

    [Fact]
    public void A_fully_crossed_design_gives_the_two_way_icc_from_the_sparse_ratings_too()
    {
        double?[][] matrix = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]];
        var ratings = matrix.SelectMany((row, u) => row.Select((v, r) => new Rating(u, r, v!.Value))).Reverse().ToList();

        var icc = IntraclassCorrelation.ForDesign(ratings);

        Assert.Equal(IccModel.TwoWay, icc.Model);
        Assert.Equal(IntraclassCorrelation.ForDesign(matrix), icc);
    }

    private sealed class Close : IEqualityComparer<double?>
    {
        public bool Equals(double? x, double? y) => (x is null && y is null) || (x is { } a && y is { } b && Math.Abs(a - b) <= 1e-9);

        public int GetHashCode(double? obj) => 0;
    }
}
