using System.Globalization;
using System.Net;
using System.Text.Json;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary>
/// Issue #17 item 10: an inspector sees "my score vs the others on the same team" once results are confirmed — the
/// same figure as their row in the managers' bias report.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class An_inspectors_own_figures(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task An_inspector_sees_the_same_difference_as_the_bias_report_overall_and_round_by_round()
    {
        await factory.EnsureDemoDataAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        using var report = JsonDocument.Parse(await manager.GetStringAsync("/api/analytics/inspectors"));
        var row = report.RootElement.EnumerateArray().Single(r => r.GetProperty("inspector").GetString() == "inspector2@demo.local");
        var inspector = await factory.SignedInAsync("inspector2@demo.local");

        var html = await inspector.GetStringAsync("/Analytics/Mine");

        Assert.Equal(row.GetProperty("meanDifference").GetDecimal(), decimal.Parse(Html.AttributeOf(html, "[data-my-difference]", "data-my-difference")!, CultureInfo.InvariantCulture));
        Assert.Equal(row.GetProperty("shared").GetInt32().ToString(CultureInfo.InvariantCulture), Html.AttributeOf(html, "[data-my-shared]", "data-my-shared"));
        Assert.Equal(row.GetProperty("flag").GetString(), Html.AttributeOf(html, "[data-my-flag]", "data-my-flag"));
        var rounds = Html.All(html, "#my-rounds [data-round]");
        Assert.NotEmpty(rounds);
        Assert.All(rounds, r => Assert.True(decimal.Parse(r.GetAttribute("data-difference")!, CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public async Task The_inspectors_list_links_to_it_and_only_inspectors_open_it()
    {
        await factory.EnsureDemoDataAsync();
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var list = await inspector.GetStringAsync("/Inspections");

        Assert.Equal("/Analytics/Mine", Html.AttributeOf(list, "a[data-my-accuracy]", "href"));
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync("/Analytics/Mine")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await lead.GetAsync("/Analytics/Mine")).StatusCode);
    }
}
