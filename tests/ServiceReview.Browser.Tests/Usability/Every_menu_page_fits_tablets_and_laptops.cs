using System.Text.Json;
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

    /// <summary>
    /// 我的检查 on a tablet upright, where the status has no column of its own: each row's status badge sits at the same
    /// place by its due date in every row — beside it, or right under it and aligned with it — never beside the date in one
    /// row and under it in the next, nor above it.
    /// </summary>
    [SkippableTheory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task An_inspections_status_sits_at_the_same_place_by_its_date_in_every_row(string culture)
    {
        var page = await app.NewPageAsync(culture, 768, 1024, touch: true);
        await BrowserApp.SignInAsync(page, "inspector1@demo.local");
        await page.GotoAsync("/Inspections");

        var places = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main tr[data-inspection]')].map(row => {
            const date = row.querySelector('td > span.text-nowrap');
            const badges = [...date.parentElement.querySelectorAll('.badge')].filter(b => b.offsetParent !== null);
            if (badges.length === 0) return 'no status';
            const d = date.getBoundingClientRect();
            const b = badges[badges.length - 1].getBoundingClientRect();
            const first = badges[0].getBoundingClientRect();
            const middle = (b.top + b.bottom) / 2;
            if (middle >= d.top && middle <= d.bottom) return 'beside';
            if (b.top >= d.bottom - 1 && Math.abs(first.left - d.left) <= 1) return 'under';
            return b.bottom <= d.top + 1 ? 'above' : 'elsewhere';
        })");
        Assert.NotEmpty(places);
        var kinds = places.Distinct(StringComparer.Ordinal).ToList();
        Assert.True(kinds.Count == 1 && kinds[0] is "beside" or "under", $"({culture}) the status badges sit {string.Join(", ", places)}");
    }

    /// <summary>
    /// Every word of a round's name, on the pages of each role that list rounds: its character ranges' line boxes, one
    /// top per word — a name may wrap at its spaces, never inside a word ("2026年11月服务考 / 评"). Returns the split words
    /// and how many names were looked at.
    /// </summary>
    private const string SplitWords = @"() => {
        const names = [...document.querySelectorAll(""main .round-name, main td > a[href^='/Rounds/Details/']"")].filter(e => e.offsetParent !== null);
        const split = [];
        for (const e of names) {
            const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const word of node.textContent.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, word.index);
                    range.setEnd(node, word.index + word[0].length);
                    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                    if (tops.size > 1) split.push(`${location.pathname}: ${word[0]}`);
                }
            }
        }
        return { count: names.length, split };
    }";

    public static TheoryData<string, string, int> RoundListsOfEachRole
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach (var user in new[] { "inspector1@demo.local", "lead1@demo.local", "manager@demo.local" })
            {
                foreach (var culture in new[] { "zh-CN", "en" })
                {
                    data.Add(user, culture, 768);
                    data.Add(user, culture, 1366);
                }
            }

            return data;
        }
    }

    /// <summary>
    /// A round's name ("2026年11月服务考评") is never split inside a word: on the home page and the list of each role
    /// (我的检查, the lead's reviews, the rounds), on a tablet and a laptop, in Chinese and English.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(RoundListsOfEachRole))]
    public async Task Round_names_do_not_break_inside_a_word(string user, string culture, int width)
    {
        var page = await app.NewPageAsync(culture, width, width == 768 ? 1024 : 768, touch: width == 768);
        page.SetDefaultTimeout(30_000);
        await BrowserApp.SignInAsync(page, user);
        var list = user.StartsWith("inspector", StringComparison.Ordinal) ? "/Inspections" : user.StartsWith("lead", StringComparison.Ordinal) ? "/Reviews" : "/Rounds";
        var looked = 0;
        var split = new List<string>();
        foreach (var path in new[] { "/", list })
        {
            await page.GotoAsync(path);
            var found = await page.EvaluateAsync<JsonElement>(SplitWords);
            looked += found.GetProperty("count").GetInt32();
            split.AddRange(found.GetProperty("split").EnumerateArray().Select(word => word.GetString() ?? ""));
        }

        Assert.True(looked > 0, $"{user} sees no round names");
        Assert.True(split.Count == 0, $"{user} at {width} px ({culture}), split inside: " + string.Join(", ", split));
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
