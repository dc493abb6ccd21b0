using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Usability;

/// <summary>
/// The administrator's menu is the longest, and English labels are longer than Chinese ones: on a 1280 px laptop and a
/// 1024 px tablet, every item of the top bar (bell, language switch, account, sign out) is still on screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_top_bar_fits_the_screen(BrowserApp app)
{
    [SkippableTheory]
    [InlineData("en", 1280)]
    [InlineData("zh-CN", 1280)]
    [InlineData("en", 1024)]
    public async Task Every_item_of_an_administrators_top_bar_is_on_screen(string culture, int width)
    {
        var page = await app.NewPageAsync(culture, width, 800);
        await BrowserApp.SignInAsync(page, "admin@demo.local");
        await page.GotoAsync("/People");

        Assert.True(await The_bell_on_phones_and_tablets.NoHorizontalScrollAsync(page), "the page scrolls sideways");
        var offScreen = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('header a, header button')]
            .filter(e => e.offsetParent !== null)
            .filter(e => { const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 0.5 || r.left < -0.5; })
            .map(e => e.textContent.trim() || e.getAttribute('title') || e.className)");
        Assert.True(offScreen.Length == 0, "off screen: " + string.Join(", ", offScreen));
    }
}
