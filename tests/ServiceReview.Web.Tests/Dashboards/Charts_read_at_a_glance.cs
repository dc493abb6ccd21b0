using System.Text.Json;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Dashboards;

/// <summary>
/// Issue #17 item 7: what the chart script is given (the <c>data-chart</c> JSON) lets a chart be read at a glance —
/// categories as a share of their own weight, values on the bars, counts on the donut, whole numbers on count axes.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Charts_read_at_a_glance(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private static JsonElement Chart(string html, string id)
    {
        var json = Html.AttributeOf(html, $"canvas#chart-{id}", "data-chart");
        Assert.False(json is null, $"No chart {id}.");
        return JsonDocument.Parse(json!).RootElement.Clone();
    }

    private static List<double> Values(JsonElement chart, int series = 0) =>
        chart.GetProperty("series")[series].GetProperty("values").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();

    [Fact]
    public async Task The_round_dashboard_puts_values_on_the_bars_and_counts_on_the_donut_with_whole_numbers_for_counts()
    {
        await factory.EnsureDemoDataAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync("/Dashboards");

        var grades = Chart(html, "grades");
        Assert.True(grades.GetProperty("valueLabels").GetBoolean());
        Assert.True(grades.GetProperty("wholeNumbers").GetBoolean());
        Assert.All(Values(grades), v => Assert.Equal(Math.Floor(v), v));
        Assert.True(Chart(html, "ranking").GetProperty("valueLabels").GetBoolean());
        var weakest = Chart(html, "weakest");
        Assert.True(weakest.GetProperty("valueLabels").GetBoolean());
        Assert.Equal("%", weakest.GetProperty("unit").GetString());
        Assert.Equal("%", Chart(html, "categories").GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_teams_category_trend_is_drawn_as_each_categorys_share_of_its_weight_and_open_actions_count_in_whole_numbers()
    {
        await factory.EnsureDemoDataAsync();
        var teamId = await factory.TeamIdAsync(ServiceReviewWebFactory.Lead1Team);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Dashboards/Trends?teamId={teamId}");

        var categories = Chart(html, "trend-categories");
        Assert.Equal("%", categories.GetProperty("unit").GetString());
        var shares = Enumerable.Range(0, categories.GetProperty("series").GetArrayLength()).SelectMany(s => Values(categories, s)).ToList();
        Assert.NotEmpty(shares);
        Assert.All(shares, v => Assert.InRange(v, 0, 100));
        // Raw category scores are at most their weight (15–25 points); the demo teams earn well over a quarter of it.
        Assert.Contains(shares, v => v > 25);
        var actions = Chart(html, "actions-age");
        Assert.True(actions.GetProperty("wholeNumbers").GetBoolean());
        Assert.True(actions.GetProperty("valueLabels").GetBoolean());
    }

    [Fact]
    public async Task The_category_trend_table_and_export_give_the_same_shares_as_the_chart()
    {
        await factory.EnsureDemoDataAsync();
        var teamId = await factory.TeamIdAsync(ServiceReviewWebFactory.Lead1Team);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Dashboards/Trends?teamId={teamId}");
        using var book = ServiceReviewWebFactory.OpenWorkbook(await ServiceReviewWebFactory.DownloadXlsxAsync(manager, $"/Dashboards/TrendsExport?teamId={teamId}"));

        var first = Values(Chart(html, "trend-categories"))[0];
        var cell = book.Worksheet("类别趋势").Cell(4, 3);
        Assert.Equal(first, Math.Round(cell.GetDouble() * 100, 1), 6);
        Assert.Contains("%", cell.Style.NumberFormat.Format, StringComparison.Ordinal);
    }
}
