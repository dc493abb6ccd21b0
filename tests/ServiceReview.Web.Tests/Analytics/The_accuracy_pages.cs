using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary>The bias page and a round's agreement page on the demo data, and who may open them.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_accuracy_pages(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_bias_page_flags_exactly_the_lenient_and_the_severe_demo_inspectors_in_a_chart_and_a_table()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync("/Analytics");

        Assert.Contains("id=\"bias-chart\"", html);
        Assert.Contains("chart.umd.min.js", html);
        Assert.Contains("id=\"bias-data\"", html);
        var rows = Html.All(html, "[data-inspector][data-flag]");
        var flagged = rows.Where(r => r.GetAttribute("data-flag") != "").ToDictionary(r => r.GetAttribute("data-inspector")!, r => r.GetAttribute("data-flag")!);
        Assert.Equal(new Dictionary<string, string> { ["inspector2@demo.local"] = "Lenient", ["inspector3@demo.local"] = "Severe" }, flagged);
        Assert.Equal(5, rows.Count);
        Assert.Contains(Texts.Zh("Analytics.Flag.Lenient"), html);
        Assert.Contains(Texts.Zh("Analytics.Flag.Severe"), html);
    }

    [Fact]
    public async Task The_range_filter_keeps_only_the_rounds_in_the_range()
    {
        var rounds = await factory.ClosedRoundsAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Analytics?from={rounds[0].PeriodStart:yyyy-MM-dd}&to={rounds[0].PeriodEnd:yyyy-MM-dd}");

        Assert.DoesNotContain(Html.All(html, "[data-inspector][data-flag]"), r => r.GetAttribute("data-flag") != "");
        Assert.Contains($"/Analytics/Round/{rounds[0].Id}\"", html);
        Assert.DoesNotContain($"/Analytics/Round/{rounds[1].Id}\"", html);
        Assert.Matches(Texts.ZhPattern("Analytics.Bias.Covers"), html);
    }

    [Fact]
    public async Task The_round_page_shows_agreement_poor_indicators_first_and_signals_linked_to_the_records_of_their_inspections()
    {
        var rounds = await factory.ClosedRoundsAsync();
        var latest = rounds[^1].Id;
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/Analytics/Round/{latest}");

        Assert.Contains("data-figure=\"alpha\"", html);
        Assert.Contains("ICC(1,1)", html);
        Assert.Equal(14, Html.All(html, "tr[data-code]").Count);
        Assert.Contains("data-signal=\"FastFill\"", html);
        Assert.Contains("data-signal=\"ThinEvidence\"", html);
        // Issue #14: a signal lands on the record of each inspection it is about, not on a row with only a total.
        var links = Html.All(html, "#signals [data-inspection] a[data-record-link]");
        Assert.NotEmpty(links);
        Assert.All(links, a => Assert.Equal($"/inspections/{a.GetAttribute("data-record-link")}", a.GetAttribute("href")));
        Assert.All(links, a => Assert.Equal(a.ParentElement!.GetAttribute("data-inspection"), a.GetAttribute("data-record-link")));
        var roundInspections = await factory.WithDbAsync(db => db.Inspections.Where(i => i.RoundId == latest).Select(i => i.Id).ToListAsync());
        Assert.All(links, a => Assert.Contains(int.Parse(a.GetAttribute("data-record-link")!, CultureInfo.InvariantCulture), roundInspections));
    }

    [Fact]
    public async Task The_page_is_in_English_when_asked()
    {
        var admin = await factory.SignedInAsync("admin@demo.local");

        var html = await admin.GetStringAsync("/Analytics?culture=en");

        Assert.Contains("Lenient (inflates)", html);
        Assert.Contains("Accuracy: inspector bias", html);
    }

    [Fact]
    public async Task An_unknown_round_is_not_found()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/Analytics/Round/999999")).StatusCode);
    }

    [Theory]
    [InlineData("inspector2@demo.local", "/Analytics")]
    [InlineData("inspector2@demo.local", "/Analytics/Round/1")]
    [InlineData("lead1@demo.local", "/Analytics")]
    [InlineData("lead1@demo.local", "/Analytics/Round/1")]
    public async Task Inspectors_and_team_leads_are_refused(string email, string path)
    {
        var client = await factory.SignedInAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        await factory.EnsureDemoDataAsync();

        var response = await factory.CreateBrowser().GetAsync("/Analytics");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}
