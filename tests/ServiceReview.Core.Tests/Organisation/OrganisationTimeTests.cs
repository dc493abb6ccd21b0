using ServiceReview.Core.Organisation;

namespace ServiceReview.Core.Tests.Organisation;

public sealed class OrganisationTimeTests
{
    private static readonly OrganisationClock Beijing = OrganisationClock.For(TimeProvider.System, null);

    [Fact]
    public void A_time_typed_in_Beijing_time_is_stored_eight_hours_earlier_in_UTC()
    {
        var utc = Beijing.ToUtc(new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Local));

        Assert.Equal(new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void A_UTC_instant_reads_back_as_the_same_wall_clock_time()
    {
        var local = Beijing.ToLocal(new DateTime(2026, 12, 1, 16, 30, 0, DateTimeKind.Utc));

        Assert.Equal(new DateTime(2026, 12, 2, 0, 30, 0), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
    }
}
