using ServiceReview.Core.Analytics;

namespace ServiceReview.Core.Tests.Analytics;

/// <summary>
/// Alpha checked against Krippendorff's own worked example ("Computing Krippendorff's Alpha-Reliability", 2011):
/// four observers, twelve units, missing values; published α: interval 0.849, ordinal 0.815.
/// </summary>
public class KrippendorffAlphaTests
{
    // Observers A–D (rows of the paper) turned into units (columns of the paper).
    private static readonly double?[][] ByObserver =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    private static List<IReadOnlyList<double?>> Units =>
        Enumerable.Range(0, 12).Select(u => (IReadOnlyList<double?>)ByObserver.Select(o => o[u]).ToArray()).ToList();

    [Fact]
    public void Interval_alpha_of_Krippendorffs_example_is_0_849()
    {
        Assert.Equal(0.849, KrippendorffAlpha.Compute(Units, AlphaMetric.Interval)!.Value, 3);
    }

    [Fact]
    public void Ordinal_alpha_of_Krippendorffs_example_is_0_815()
    {
        Assert.Equal(0.815, KrippendorffAlpha.Compute(Units, AlphaMetric.Ordinal)!.Value, 3);
    }

    [Fact]
    public void Ordinal_alpha_depends_only_on_the_order_of_the_values()
    {
        var stretched = Units.Select(u => (IReadOnlyList<double?>)u.Select(v => v is { } x ? x * x * 10 : (double?)null).ToArray()).ToList();

        Assert.Equal(KrippendorffAlpha.Compute(Units, AlphaMetric.Ordinal)!.Value, KrippendorffAlpha.Compute(stretched, AlphaMetric.Ordinal)!.Value, 10);
        Assert.NotEqual(KrippendorffAlpha.Compute(Units, AlphaMetric.Interval)!.Value, KrippendorffAlpha.Compute(stretched, AlphaMetric.Interval)!.Value, 3);
    }

    [Fact]
    public void Perfect_agreement_with_variation_between_units_gives_1()
    {
        double?[][] units = [[80, 80, null], [90, null, 90], [70, 70, 70]];

        Assert.Equal(1.0, KrippendorffAlpha.Compute(units, AlphaMetric.Interval)!.Value, 10);
    }

    [Fact]
    public void Two_coders_on_two_units_match_a_hand_computation()
    {
        // Values 1,2 | 3,3 → n = 4; o(1,2) = o(2,1) = 1; o(3,3) = 2; n1 = n2 = 1, n3 = 2.
        // Interval: Do-sum = 1·1 = 1; De-sum = n1n2·1 + n1n3·4 + n2n3·1 = 1 + 8 + 2 = 11; α = 1 − 3·1/11.
        double?[][] units = [[1, 2], [3, 3]];

        Assert.Equal(1 - (3.0 / 11), KrippendorffAlpha.Compute(units, AlphaMetric.Interval)!.Value, 10);
    }

    [Theory]
    [MemberData(nameof(Degenerate))]
    public void Tiny_or_degenerate_data_give_no_alpha_rather_than_NaN(double?[][] units)
    {
        Assert.Null(KrippendorffAlpha.Compute(units, AlphaMetric.Interval));
        Assert.Null(KrippendorffAlpha.Compute(units, AlphaMetric.Ordinal));
    }

    public static TheoryData<double?[][]> Degenerate() => new()
    {
        Array.Empty<double?[]>(),
        new double?[][] { [80, 85] },                     // one unit
        new double?[][] { [80], [90], [70] },             // one coder
        new double?[][] { [80, 80], [80, 80], [80] },     // all values equal
        new double?[][] { [80, null], [null, 90] },       // nothing pairable
    };
}
