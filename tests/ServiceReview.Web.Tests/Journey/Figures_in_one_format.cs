using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Analytics;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

/// <summary>
/// Issue #13, items 1, 2 and 6 on the pages: every figure reads in its kind's one format (scores and points "98.0",
/// coefficients "0.88"), the ranking says how many confirmed inspections counted and explains the aggregation in one
/// sentence, as the round form does.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class Figures_in_one_format(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";

    [Fact]
    public async Task The_ranking_says_how_many_inspections_counted_links_to_which_and_flags_the_middle_one_deciding()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.TrimmedMean, new Dictionary<string, string[]>
        {
            [F.Lead1Team] = [I1, I2, I3],
            [F.Lead2Team] = [I1, I2],
        });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.Vetoed(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I2], F.Inputs.Perfect(), confirm: true);
        var one = await factory.TeamIdAsync(F.Lead1Team);
        var two = await factory.TeamIdAsync(F.Lead2Team);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Results/Round/{round.RoundId}");

        Assert.Contains("data-aggregation-rule=\"TrimmedMean\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Numbers.", html, StringComparison.Ordinal); // the sentence is localised, not a bare key
        var rowOne = Row(html, round.RoundId, one);
        var rowTwo = Row(html, round.RoundId, two);
        // Team 1: 100, 73.1 and a vetoed 0 → one of three counted; the middle one alone decides.
        Assert.Contains("data-counted=\"1\" data-confirmed=\"3\"", rowOne, StringComparison.Ordinal);
        Assert.Contains("1/3", rowOne, StringComparison.Ordinal);
        Assert.Contains("data-middle-alone", rowOne, StringComparison.Ordinal);
        Assert.Contains("data-team-total=\"73.1\"", rowOne, StringComparison.Ordinal);
        // Team 2: two confirmed, both count (nothing trimmed), no flag; 100 and 73.1 → 86.55 → 86.6.
        Assert.Contains("data-counted=\"2\" data-confirmed=\"2\" data-dropped=\"\"", rowTwo, StringComparison.Ordinal);
        Assert.DoesNotContain("data-middle-alone", rowTwo, StringComparison.Ordinal);
        Assert.Contains("data-team-total=\"86.6\"", rowTwo, StringComparison.Ordinal);
        // Every category score on the ranking has one decimal.
        var categories = CategoryScore().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(categories);
        Assert.All(categories, c => Assert.Matches(@"^\d+\.\d$", c));

        var dashboard = await manager.GetStringAsync($"/Dashboards?roundId={round.RoundId}");
        Assert.Contains($"<a href=\"/Results/Team/{round.RoundId}/{one}\">1</a>", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_round_form_explains_each_aggregation_rule_in_one_localised_sentence()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync("/Rounds/Create");

        Assert.Contains("data-aggregation-rule=\"TrimmedMean\"", html, StringComparison.Ordinal);
        Assert.Contains("data-aggregation-rule=\"Mean\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Numbers.Aggregation", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Totals_on_the_inspections_list_and_mean_points_on_the_raise_action_page_read_with_one_decimal()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2, I3] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample(), confirm: true);
        await factory.SubmitAsync(round[F.Lead1Team, I3], F.Inputs.WorkedExample(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var inspector = await factory.SignedInAsync(I1);
        var manager = await factory.SignedInAsync("manager@demo.local");

        var list = await inspector.GetStringAsync("/Inspections?size=100");
        var raise = await manager.GetStringAsync($"/Actions/Create?roundId={round.RoundId}&teamId={teamId}");

        // The perfect inspection's 100 reads "100.0" beside the others' "73.1", hook and text alike.
        var perfect = round[F.Lead1Team, I1];
        var row = Regex.Match(list, $"data-inspection=\"{perfect}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("data-total=\"100.0\"", row, StringComparison.Ordinal);
        Assert.Contains(">100.0 ", row, StringComparison.Ordinal);
        // 2.3 (max 7): 优秀 7, 良好 5.6, 良好 5.6 → 6.0667 reads "6.1 / 7.0", not "6.07 / 7".
        Assert.Contains("6.1 / 7.0", raise, StringComparison.Ordinal);
        Assert.DoesNotContain("6.07", raise, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agreement_page_writes_coefficients_with_two_decimals_and_the_bias_page_points_with_one()
    {
        var rounds = await factory.ClosedRoundsAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var agreement = await manager.GetStringAsync($"/Analytics/Round/{rounds[^1].Id}");
        var bias = await manager.GetStringAsync("/Analytics");

        var coefficients = DataValue().Matches(agreement).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(coefficients);
        Assert.All(coefficients, c => Assert.Matches(@"^-?\d+\.\d\d$", c));
        var means = DataValue().Matches(bias).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(means);
        Assert.All(means, m => Assert.Matches(@"^-?\d+\.\d$", m));
        // The chart's numbers are rounded once to the same precision as the table (not to two decimals).
        var data = Regex.Match(bias, "id=\"bias-data\"[^>]*>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var json = JsonDocument.Parse(data);
        var numbers = json.RootElement.EnumerateArray().SelectMany(r => new[] { r.GetProperty("mean"), r.GetProperty("low"), r.GetProperty("high") })
            .Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetDecimal()).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.Equal(Math.Round(n, 1), n));
    }

    [Fact]
    public async Task The_bias_api_rounds_each_statistic_once_from_the_full_precision_value()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");
        InspectorBiasReport report;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<InspectorBiasService>().ComputeAsync(null, null);
        }

        using var json = JsonDocument.Parse(await manager.GetStringAsync("/api/analytics/inspectors"));

        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("inspector").GetString()!);
        var compared = 0;
        foreach (var r in report.Inspectors.Where(r => r.Difference is not null))
        {
            var row = rows[string.IsNullOrEmpty(r.Email) ? r.Name : r.Email];
            void Same(string name, double? full)
            {
                // Half away from zero on the decimal digits (Figure.Round), once: never a binary-double Math.Round.
                var expected = full is { } f ? (decimal?)Figure.Round((decimal)f, FigureKind.Points) : null;
                var actual = row.GetProperty(name).ValueKind == JsonValueKind.Null ? (decimal?)null : row.GetProperty(name).GetDecimal();
                Assert.Equal(expected, actual);
                compared++;
            }

            Same("meanDifference", r.Difference!.Mean);
            Same("standardError", r.Difference.StandardError);
            Same("ciLow", r.Difference.CiLow);
            Same("ciHigh", r.Difference.CiHigh);
        }

        Assert.True(compared >= 8);
    }

    private static string Row(string html, int roundId, int teamId)
    {
        var at = html.IndexOf($"href=\"/Results/Team/{roundId}/{teamId}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "the ranking links the team");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }

    [GeneratedRegex("data-category-score=\"[^\"]+\">([^<]*)<")]
    private static partial Regex CategoryScore();

    [GeneratedRegex("data-value=\"([^\"]+)\"")]
    private static partial Regex DataValue();
}
