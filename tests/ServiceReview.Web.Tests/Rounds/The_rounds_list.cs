using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class The_rounds_list(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Shows_the_rounds_newest_period_first_with_their_inspection_counts()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);

        // The demo rounds' names; other tests of this class add rounds of other names.
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Rounds?q=月服务考评"));

        var names = RoundLinks().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var expected = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Name.Contains("月服务考评"))
            .OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.Id).Select(r => r.Name).ToListAsync());
        Assert.Equal(8, expected.Count);
        Assert.Equal(expected, names);
        Assert.Contains("项目客户服务组检查考评标准", html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Rounds.Status.Open"), html, StringComparison.Ordinal);
        Assert.Matches("data-status=\"Confirmed\">\\s*<span class=\"badge[^\"]*\">已确认</span>\\s*15\\b", html);
        Assert.Matches("data-status=\"Assigned\">\\s*<span class=\"badge[^\"]*\">未开始</span>\\s*15\\b", html);
    }

    [Fact]
    public async Task Finds_rounds_by_name_and_pages_through_many()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("运营支持组");
        for (var i = 1; i <= 22; i++)
        {
            await factory.DraftRoundAsync($"分页测试{i:00}", [team], "inspector1@demo.local");
        }

        var first = WebUtility.HtmlDecode(await client.GetStringAsync("/Rounds?q=分页测试"));
        var second = WebUtility.HtmlDecode(await client.GetStringAsync("/Rounds?q=分页测试&page=2"));
        var none = WebUtility.HtmlDecode(await client.GetStringAsync("/Rounds?q=不存在的批次"));

        Assert.Equal(20, RoundLinks().Count(first));
        Assert.Equal(2, RoundLinks().Count(second));
        Assert.All(RoundLinks().Matches(first).Concat(RoundLinks().Matches(second)), m => Assert.StartsWith("分页测试", m.Groups[1].Value, StringComparison.Ordinal));
        Assert.Contains(Texts.Zh("Lists.Range", "1", "20", "22"), first, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Lists.Range", "21", "22", "22"), second, StringComparison.Ordinal);
        Assert.Matches(Texts.ZhPattern("Lists.NoMatch"), none);
    }

    [Fact]
    public async Task Reads_in_English_with_the_language_switch()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);

        var html = await client.GetStringAsync("/Rounds?culture=en");

        Assert.Contains("Inspection window", html, StringComparison.Ordinal);
        Assert.Contains(">Closed<", html, StringComparison.Ordinal);
        Assert.Equal(RoundStatus.Closed, await factory.WithDbAsync(db => db.Rounds.OrderBy(r => r.Id).Select(r => r.Status).FirstAsync()));
    }

    [GeneratedRegex("<a class=\"fw-semibold\" href=\"/Rounds/Details/\\d+\">([^<]+)</a>")]
    private static partial Regex RoundLinks();
}
