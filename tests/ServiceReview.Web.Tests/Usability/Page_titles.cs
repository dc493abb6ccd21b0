using System.Net;
using System.Text.RegularExpressions;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Usability;

/// <summary>
/// Every page in the menu of every role has a title of its own in the user's language (the browser tab and screen
/// readers announce it), exactly one h1, and does not fail.
/// </summary>
public sealed partial class Page_titles(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("admin@demo.local")]
    [InlineData("manager@demo.local")]
    [InlineData("inspector1@demo.local")]
    [InlineData("lead1@demo.local")]
    public async Task Every_menu_page_has_a_localised_title_and_one_h1(string email)
    {
        await factory.EnsureDemoDataAsync();
        var client = await factory.SignedInAsync(email);

        var home = await GetAsync(client, "/", "zh-CN");
        var menu = MenuLinks(home);
        Assert.True(menu.Count >= 3, $"{email} sees {menu.Count} menu links");

        var problems = new List<string>();
        foreach (var path in menu)
        {
            var chinese = await CheckAsync(client, path, "zh-CN", problems);
            var english = await CheckAsync(client, path, "en", problems);
            if (chinese is not null && !CjkPattern().IsMatch(chinese))
            {
                problems.Add($"{path}: the Chinese title \"{chinese}\" has no Chinese in it");
            }

            if (chinese is not null && english is not null && chinese == english)
            {
                problems.Add($"{path}: the same title \"{chinese}\" in both languages");
            }
        }

        Assert.True(problems.Count == 0, $"{email}:\n" + string.Join("\n", problems));
    }

    private static async Task<string?> CheckAsync(HttpClient client, string path, string culture, List<string> problems)
    {
        var response = await SendAsync(client, path, culture);

        // A menu item may lead on to the user's own page (a lead's service records are their team's), never to a refusal.
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next
            && !next.OriginalString.Contains("/Identity/", StringComparison.Ordinal))
        {
            response = await SendAsync(client, next.OriginalString, culture);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"{path} ({culture}): {(int)response.StatusCode}");
            return null;
        }

        var html = await response.Content.ReadAsStringAsync();
        var title = WebUtility.HtmlDecode(TitlePattern().Match(html).Groups[1].Value).Trim();
        var ownPart = title.Split(" - ")[0].Trim();
        if (ownPart.Length == 0 || KeyPattern().IsMatch(ownPart))
        {
            problems.Add($"{path} ({culture}): title \"{title}\"");
        }

        var h1s = H1Pattern().Count(html);
        if (h1s != 1)
        {
            problems.Add($"{path} ({culture}): {h1s} h1 elements");
        }

        return ownPart;
    }

    private static async Task<string> GetAsync(HttpClient client, string path, string culture)
    {
        var response = await SendAsync(client, path, culture);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string culture)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
        return client.SendAsync(request);
    }

    /// <summary>The links of the main menu (top-level items and the data-and-analysis drop-down), in order.</summary>
    private static List<string> MenuLinks(string html)
    {
        var start = html.IndexOf("id=\"main-nav\"", StringComparison.Ordinal);
        var nav = html[start..html.IndexOf("</nav>", start, StringComparison.Ordinal)];
        return MenuLinkPattern().Matches(nav)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(href => href.StartsWith('/'))
            .Distinct()
            .ToList();
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitlePattern();

    [GeneratedRegex("<h1[\\s>]")]
    private static partial Regex H1Pattern();

    [GeneratedRegex("^[A-Za-z]+(\\.[A-Za-z]+)+$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("\\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex CjkPattern();

    [GeneratedRegex("<a class=\"(?:nav-link|dropdown-item)[^\"]*\"[^>]*href=\"([^\"#]+)\"")]
    private static partial Regex MenuLinkPattern();
}
