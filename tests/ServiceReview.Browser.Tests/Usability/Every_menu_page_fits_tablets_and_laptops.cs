using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Usability;

/// <summary>
/// Issue #17 item 3: on a tablet upright (768 px), a tablet sideways or small laptop (1024 px) and a common laptop
/// (1366 px), no page of any role's menu scrolls sideways and nothing in its content sticks out of the screen (a wide
/// table scrolls inside its own box instead); the manager's top menu stays on one row on the laptop. One browser
/// context per role and width visits every page of that role's menu, so the whole check stays within a few minutes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Every_menu_page_fits_tablets_and_laptops(BrowserApp app)
{
    /// <summary>
    /// What sticks out of the screen, for one page: the document scrolling sideways, and each visible element of the main
    /// content whose box passes the viewport's edge — unless it sits in a box that scrolls or clips sideways and itself
    /// fits (a <c>.table-responsive</c>: its table is reached by scrolling that box, not the page).
    /// </summary>
    private const string Overflow = @"() => {
        const width = window.innerWidth;
        const problems = [];
        if (document.documentElement.scrollWidth > width) {
            problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
        }
        const main = document.querySelector('main');
        const clipped = e => {
            for (let a = e.parentElement; a && a !== main.parentElement; a = a.parentElement) {
                const x = getComputedStyle(a).overflowX;
                if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') {
                    const r = a.getBoundingClientRect();
                    return r.right <= width + 1 && r.left >= -1;
                }
            }
            return false;
        };
        for (const e of main.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
            if (getComputedStyle(e).visibility === 'hidden' || clipped(e)) continue;
            const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
            problems.push(`${name} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
            if (problems.length > 5) break;
        }
        return problems;
    }";

    public static TheoryData<string, int> RolesAndWidths
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var user in new[] { "manager@demo.local", "inspector1@demo.local", "lead1@demo.local", "admin@demo.local" })
            {
                foreach (var width in new[] { 768, 1024, 1366 })
                {
                    data.Add(user, width);
                }
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task No_page_of_the_menu_scrolls_sideways_or_sticks_out(string user, int width)
    {
        var page = await app.NewPageAsync(null, width, width == 768 ? 1024 : 768);
        page.SetDefaultTimeout(30_000);
        await BrowserApp.SignInAsync(page, user);

        var links = await MenuLinksAsync(page);
        Assert.True(links.Count >= 3, $"{user}'s menu has {links.Count} links");
        var problems = new List<string>();
        foreach (var link in links)
        {
            var response = await page.GotoAsync(link);
            Assert.True(response is { Ok: true }, $"{link} answered {response?.Status}");
            var found = await page.EvaluateAsync<string[]>(Overflow);
            problems.AddRange(found.Select(p => $"{link}: {p}"));
        }

        Assert.True(problems.Count == 0, $"{user} at {width} px:\n" + string.Join("\n", problems));
    }

    /// <summary>我的检查 on a tablet upright: every inspection's score and its action are on screen without scrolling.</summary>
    [SkippableFact]
    public async Task An_inspectors_list_shows_each_score_and_action_on_a_tablet()
    {
        var page = await app.NewPageAsync(null, 768, 1024, touch: true);
        await BrowserApp.SignInAsync(page, "inspector1@demo.local");
        await page.GotoAsync("/Inspections");

        var offScreen = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main [data-inspection] [data-total], main [data-inspection] a.btn')]
            .filter(e => e.offsetParent !== null)
            .filter(e => { const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 0.5 || r.left < -0.5; })
            .map(e => e.textContent.trim())");
        Assert.True(await page.Locator("main [data-inspection] a.btn").CountAsync() > 0, "the list shows its actions");
        Assert.True(offScreen.Length == 0, "off screen: " + string.Join(", ", offScreen));
        await BrowserApp.ScreenshotAsync(page, "usability-my-inspections-tablet", fullPage: false);
    }

    /// <summary>On a tablet's home page a round's name ("2026年11月服务考评") is never split over two lines.</summary>
    [SkippableFact]
    public async Task Round_names_on_the_home_page_do_not_break_inside_on_a_tablet()
    {
        var page = await app.NewPageAsync(null, 768, 1024, touch: true);
        await BrowserApp.SignInAsync(page, "inspector1@demo.local");

        var lines = await page.EvaluateAsync<int[]>(@"() => [...document.querySelectorAll('main .round-name')]
            .filter(e => e.offsetParent !== null)
            .map(e => { const range = document.createRange(); range.selectNodeContents(e);
                        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })");
        Assert.NotEmpty(lines);
        Assert.All(lines, count => Assert.Equal(1, count));
    }

    [SkippableTheory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_managers_menu_is_one_row_on_a_1366_px_laptop(string culture)
    {
        var page = await app.NewPageAsync(culture, 1366, 768);
        await BrowserApp.SignInAsync(page, "manager@demo.local");
        await page.GotoAsync("/Rounds");

        Assert.True(await page.Locator("#main-nav").IsVisibleAsync(), "the menu is open on a laptop");
        var rows = await page.EvaluateAsync<double[]>(@"() => [...document.querySelectorAll('header .navbar-brand, header #main-nav a, header #main-nav button, header .navbar-bell a')]
            .filter(e => e.offsetParent !== null && !e.closest('.dropdown-menu'))
            .map(e => { const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); })");
        Assert.NotEmpty(rows);
        Assert.True(rows.Max() - rows.Min() <= 12, $"the items' middles run from {rows.Min()} to {rows.Max()} px: more than one row");
        var height = await page.Locator("header .navbar").EvaluateAsync<double>("e => e.getBoundingClientRect().height");
        Assert.True(height <= 72, $"the bar is {height} px high");
    }

    /// <summary>Every page the signed-in user's menu opens (drop-down items included), as local paths.</summary>
    private static async Task<IReadOnlyList<string>> MenuLinksAsync(IPage page) =>
        (await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('#main-nav a.nav-link:not(.dropdown-toggle), #main-nav a.dropdown-item')]
            .map(a => a.getAttribute('href')).filter(h => h && h.startsWith('/'))"))
        .Distinct(StringComparer.Ordinal).ToList();
}
