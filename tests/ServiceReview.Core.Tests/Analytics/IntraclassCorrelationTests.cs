using ServiceReview.Core.Analytics;

namespace ServiceReview.Core.Tests.Analytics;

/// <summary>ICC checked against Shrout &amp; Fleiss (1979), Table 2: six targets rated by four judges.</summary>
public class IntraclassCorrelationTests
{
    private static readonly double?[][] ShroutFleiss =
    [
        [9, 2, 5, 8],
        [6, 1, 3, 2],
        [8, 4, 6, 8],
        [7, 1, 2, 6],
        [10, 5, 6, 9],
        [6, 2, 4, 7],
    ];

    [Fact]
    public void One_way_ICC_of_the_Shrout_and_Fleiss_example_is_0_17()
    {
        var icc = IntraclassCorrelation.OneWay(ShroutFleiss);

        Assert.Equal(0.17, icc.Value!.Value, 2);
        Assert.Equal(6, icc.Units);
        Assert.Equal(24, icc.Ratings);
        Assert.Equal("ICC(1,1)", icc.ModelName);
    }

    [Fact]
    public void Two_way_ICC_of_the_Shrout_and_Fleiss_example_is_0_29()
    {
        var icc = IntraclassCorrelation.TwoWay(ShroutFleiss);

        Assert.Equal(0.29, icc.Value!.Value, 2);
        Assert.Equal("ICC(2,1)", icc.ModelName);
    }

    [Fact]
    public void A_fully_crossed_design_gets_the_two_way_ICC_and_a_rotating_one_the_one_way_ICC()
    {
        Assert.Equal(IccModel.TwoWay, IntraclassCorrelation.ForDesign(ShroutFleiss).Model);

        var rotating = ShroutFleiss.Select((row, i) => (IReadOnlyList<double?>)row.Select((v, j) => j == i % 4 ? null : v).ToArray()).ToList();
        Assert.Equal(IccModel.OneWay, IntraclassCorrelation.ForDesign(rotating).Model);
    }

    [Fact]
    public void The_unbalanced_one_way_ICC_uses_the_average_group_size()
    {
        // Hand computation: units {1,3} {5,7,9} {2,2}; grand mean 29/7; MSB = 32.857/2; MSW = 10/4; k0 = (7 − 17/7)/2.
        double?[][] data = [[1, 3, null], [5, 7, 9], [2, 2, null]];
        var grand = 29.0 / 7;
        var msb = ((2 * Math.Pow(2 - grand, 2)) + (3 * Math.Pow(7 - grand, 2)) + (2 * Math.Pow(2 - grand, 2))) / 2;
        var msw = (2.0 + 8.0 + 0.0) / 4;
        var k0 = (7 - (17.0 / 7)) / 2;
        var expected = (msb - msw) / (msb + ((k0 - 1) * msw));

        var icc = IntraclassCorrelation.OneWay(data);

        Assert.Equal(expected, icc.Value!.Value, 10);
        Assert.Equal(0.8, icc.Value!.Value, 1);
    }

    [Fact]
    public void The_two_way_ICC_uses_complete_cases_only()
    {
        var withGap = ShroutFleiss.Append([3, null, 4, 5]).ToList();

        Assert.Equal(0.29, IntraclassCorrelation.TwoWay(withGap).Value!.Value, 2);
        Assert.Equal(6, IntraclassCorrelation.TwoWay(withGap).Units);
    }

    [Theory]
    [MemberData(nameof(Degenerate))]
    public void Tiny_or_degenerate_data_give_no_ICC_rather_than_NaN(double?[][] data)
    {
        Assert.Null(IntraclassCorrelation.OneWay(data).Value);
        Assert.Null(IntraclassCorrelation.TwoWay(data).Value);
        Assert.Null(IntraclassCorrelation.ForDesign(data).Value);
    }

    public static TheoryData<double?[][]> Degenerate() => new()
    {
        Array.Empty<double?[]>(),
        new double?[][] { [80, 85] },                       // one unit
        new double?[][] { [80], [90], [70] },               // one inspector
        new double?[][] { [80, 80], [80, 80], [80, 80] },   // all scores equal
        new double?[][] { [80, null], [null, 90] },         // nobody shares a unit
    };
}
