using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Journey;

[Collection(BrowserCollection.Name)]
public sealed class Signing_in_in_a_browser(BrowserApp app)
{
    [SkippableFact]
    public async Task Shows_the_login_page_in_Chinese_and_the_managers_home_after_signing_in()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/Identity/Account/Login", page.Url, StringComparison.Ordinal);
        Assert.Equal("登录", (await page.Locator("main h1").First.InnerTextAsync()).Trim());
        await BrowserApp.ScreenshotAsync(page, "login-zh");

        await BrowserApp.SignInAsync(page, "manager@demo.local");
        Assert.Contains(await app.NameOfAsync("manager@demo.local"), await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "home-manager-zh");
    }

    [SkippableFact]
    public async Task Switches_to_English_with_the_language_button()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "inspector1@demo.local");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Contains("Sign out", await page.Locator("nav").InnerTextAsync(), StringComparison.Ordinal);
    }
}
