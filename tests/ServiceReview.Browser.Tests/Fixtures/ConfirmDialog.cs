using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>
/// The app's confirmation dialog (the layout's <c>dialog[data-confirm-dialog]</c>, filled by confirm-action.js), which
/// buttons marked <c>data-confirm</c> open before their form is posted (issue #17) instead of the browser's confirm box.
/// </summary>
public static class ConfirmDialog
{
    public static ILocator Of(IPage page) => page.Locator("dialog[data-confirm-dialog]");

    public static ILocator Message(IPage page) => Of(page).Locator("[data-confirm-dialog-message]");

    public static ILocator OkButton(IPage page) => Of(page).Locator("[data-confirm-dialog-ok]");

    public static ILocator CancelButton(IPage page) => Of(page).Locator("[data-confirm-dialog-cancel]");

    /// <summary>Waits for the dialog, answers yes, and returns what it asked.</summary>
    public static async Task<string> ConfirmAsync(IPage page)
    {
        await Expect(Of(page)).ToBeVisibleAsync();
        var question = await Message(page).InnerTextAsync();
        await OkButton(page).ClickAsync();
        return question;
    }
}
