using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Usability;

/// <summary>
/// Below 1200 px (Bootstrap's xl breakpoint: phones, and tablets either way up) the menu folds behind the toggler; the notification bell and its unread count stay
/// in the top bar beside it, so an inspector on a phone or tablet sees a hand-over without opening the menu.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_bell_on_phones_and_tablets(BrowserApp app)
{
    [SkippableTheory]
    [InlineData(390, 844, "usability-bell-phone")]
    [InlineData(768, 1024, "usability-bell-tablet")]
    [InlineData(1024, 768, null)]
    public async Task The_bell_and_its_count_show_beside_the_menu_toggler_while_the_menu_is_closed(int width, int height, string? screenshot)
    {
        await app.NotifyAsync("inspector1@demo.local");
        var page = await app.NewPageAsync(null, width, height, touch: true);
        await BrowserApp.SignInAsync(page, "inspector1@demo.local");

        var toggler = page.Locator("header .navbar-toggler");
        var menu = page.Locator("#main-nav");
        var bell = page.Locator("header a.notification-bell");
        Assert.True(await toggler.IsVisibleAsync(), "the menu is folded at this width");
        Assert.False(await menu.IsVisibleAsync(), "the menu starts closed");
        Assert.True(await bell.IsVisibleAsync(), "the bell shows while the menu is closed");
        Assert.Equal(0, await menu.Locator("a.notification-bell").CountAsync());

        var count = bell.Locator("[data-unread]");
        Assert.True(await count.IsVisibleAsync(), "the unread count shows on the bell");
        Assert.Matches("^[0-9]+\\+?$", (await count.InnerTextAsync()).Trim());

        // Beside the toggler: on the same row of the bar, to its left, and a 44 px touch target.
        var bellBox = (await bell.BoundingBoxAsync())!;
        var togglerBox = (await toggler.BoundingBoxAsync())!;
        Assert.True(bellBox.X + bellBox.Width <= togglerBox.X, $"bell at x={bellBox.X}, toggler at x={togglerBox.X}");
        Assert.InRange(bellBox.Y + (bellBox.Height / 2), togglerBox.Y, togglerBox.Y + togglerBox.Height);
        Assert.True(bellBox.Width >= 44 && bellBox.Height >= 44, $"the bell is {bellBox.Width} × {bellBox.Height} px");
        Assert.True(await NoHorizontalScrollAsync(page), "the page scrolls sideways");
        if (screenshot is not null)
        {
            await BrowserApp.ScreenshotAsync(page, screenshot, fullPage: false);
        }

        // The bell opens the notifications page.
        await bell.TapAsync();
        await page.WaitForURLAsync(url => url.Contains("/Notifications", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task On_a_laptop_the_bell_sits_at_the_right_end_of_the_bar_once()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "inspector1@demo.local");

        Assert.False(await page.Locator("header .navbar-toggler").IsVisibleAsync());
        Assert.Equal(1, await page.Locator("a.notification-bell").CountAsync());
        var bell = (await page.Locator("a.notification-bell").BoundingBoxAsync())!;
        var signOut = (await page.Locator("header form[action*='Logout'] button").BoundingBoxAsync())!;
        Assert.True(bell.X > signOut.X, "the bell is the last item of the bar");
    }

    internal static Task<bool> NoHorizontalScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth");
}
