using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Usability;

/// <summary>
/// An inspector without a mouse: signs in, skips the top bar, opens an inspection, scores every indicator and submits,
/// with Tab, Shift+Tab, the arrow keys, Space, Enter and typing only (no clicks, no element.fill). Along the way: the
/// skip link comes first and is visible, the focus is always visible and never behind a sticky bar, a refused submit
/// puts the focus on the first problem, and the live score region is polite.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Filling_an_inspection_with_the_keyboard_only(BrowserApp app)
{
    private const int MaxTabs = 400;

    [SkippableFact]
    public async Task An_inspector_fills_and_submits_a_whole_inspection_with_the_keyboard()
    {
        var page = await app.NewPageAsync(null, 1024, 768);

        // Sign in: the e-mail box has the focus when the page opens.
        await page.GotoAsync("/Identity/Account/Login");
        Assert.Equal("Input.Email", (await ActiveAsync(page)).Name);
        await page.Keyboard.TypeAsync("inspector5@demo.local");
        await TabUntilAsync(page, a => a.Name == "Input.Password");
        await page.Keyboard.TypeAsync(BrowserApp.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.Ordinal));

        // The first Tab on a page reaches the skip link, which shows itself and jumps past the top bar.
        await page.Keyboard.PressAsync("Tab");
        var skip = await ActiveAsync(page);
        Assert.Equal("#main-content", skip.Href);
        Assert.True(await page.Locator("a.skip-link").IsVisibleAsync());
        Assert.InRange((await page.Locator("a.skip-link").BoundingBoxAsync())!.Y, 0, 100);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main-content", (await ActiveAsync(page)).Id);

        // From the main content, the next stops are the page's own links: open the first inspection to fill.
        await TabUntilAsync(page, a => a.Href.Contains("/Inspections/Fill/", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/Inspections/Fill/", StringComparison.Ordinal));
        await page.Locator("#score-total").Filter(new LocatorFilterOptions { HasNotText = "—" }).WaitForAsync();
        Assert.Equal("polite", await page.Locator("#score-bar").GetAttributeAsync("aria-live"));

        // Fill everything but one choice, then submit: refused, and the focus lands on that choice.
        var skipped = await FillTheFormAsync(page, leaveOneOut: true);
        Assert.NotNull(skipped);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-points]')].filter(e => e.textContent.trim() === '—').length <= 1");
        await BrowserApp.ScreenshotAsync(page, "usability-keyboard-focus", fullPage: false);
        await PressAndWaitForTheNextPageAsync(page, "Enter");
        await page.Locator("#problems").WaitForAsync();
        var focused = await ActiveAsync(page);
        Assert.Equal(skipped, focused.Name);
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('fieldset.has-problem')"));
        await The_inspection_form_on_a_tablet.AssertClearOfTheBarsAsync(page, "the first problem");

        // Choose with Space, move the choice with the arrow keys and back, then finish the rest and submit.
        await page.Keyboard.PressAsync("Space");
        Assert.True((await ActiveAsync(page)).Checked);
        if ((await ActiveAsync(page)).Type == "radio")
        {
            var chosen = (await ActiveAsync(page)).Id;
            await page.Keyboard.PressAsync("ArrowRight");
            Assert.NotEqual(chosen, (await ActiveAsync(page)).Id);
            await page.Keyboard.PressAsync("ArrowLeft");
            Assert.Equal(chosen, (await ActiveAsync(page)).Id);
            Assert.True((await ActiveAsync(page)).Checked);
        }

        // Shift+Tab goes back the way it came.
        var here = (await ActiveAsync(page)).Id;
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal(here, (await ActiveAsync(page)).Id);

        Assert.Null(await FillTheFormAsync(page, leaveOneOut: false));
        await PressAndWaitForTheNextPageAsync(page, "Enter");
        Assert.DoesNotContain("/Inspections/Fill/", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#problems").CountAsync());
        await Assertions.Expect(page.Locator("main .alert-success, main [role=status]").First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Tabs through the form to its submit button: an unchosen choice gets Space (its first option), an empty number
    /// box its maximum (or 0), an empty note a line of evidence. Every stop must show a focus indicator and lie clear
    /// of the sticky bars. Returns the name of the choice left out, if asked to leave one.
    /// </summary>
    private static async Task<string?> FillTheFormAsync(IPage page, bool leaveOneOut)
    {
        string? skipped = null;
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var a = await ActiveAsync(page);
            Assert.True(a.FocusVisible, $"no visible focus indicator on {a.Describe()}");
            if (a.InForm)
            {
                await The_inspection_form_on_a_tablet.AssertClearOfTheBarsAsync(page, a.Describe());
            }

            if (a.Id == "submit-inspection")
            {
                return skipped;
            }

            if (a.Type == "radio" && !a.Checked)
            {
                if (leaveOneOut && skipped is null)
                {
                    skipped = a.Name;
                    continue;
                }

                await page.Keyboard.PressAsync("Space");
            }
            else if (a.Type == "number" && a.Value.Length == 0)
            {
                await page.Keyboard.TypeAsync(a.Max ?? "0");
            }
            else if (a.Tag == "TEXTAREA" && a.Value.Length == 0)
            {
                await page.Keyboard.TypeAsync("Checked on site with the team lead.");
            }
        }

        throw new Xunit.Sdk.XunitException($"the submit button was not reached in {MaxTabs} presses of Tab");
    }

    /// <summary>Presses a key that posts the form, and waits until the page it leads to has loaded.</summary>
    private static async Task PressAndWaitForTheNextPageAsync(IPage page, string key)
    {
        await page.EvaluateAsync("() => { window.__before = true; }");
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync("() => !window.__before && document.readyState === 'complete'");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task<Focused> TabUntilAsync(IPage page, Func<Focused, bool> reached)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var a = await ActiveAsync(page);
            if (reached(a))
            {
                return a;
            }
        }

        throw new Xunit.Sdk.XunitException($"not reached in {MaxTabs} presses of Tab");
    }

    /// <summary>What has the focus, read (not changed) by script.</summary>
    private static Task<Focused> ActiveAsync(IPage page) => page.EvaluateAsync<Focused>(@"() => {
        const e = document.activeElement;
        // A visible focus indicator: an outline, a box-shadow ring, on the element or (for Bootstrap's hidden radios)
        // on the label that stands for it.
        const target = e.classList.contains('btn-check') ? document.querySelector(`label[for='${e.id}']`) : e;
        const s = getComputedStyle(target);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
        return {
            tag: e.tagName, type: e.type || '', name: e.getAttribute('name') || '', id: e.id,
            href: e.getAttribute('href') || '', checked: !!e.checked, value: e.value ?? '', max: e.getAttribute('max'),
            inForm: !!e.closest('#inspection-form'), focusVisible: e === document.body || e.id === 'main-content' || ring,
        };
    }");

    /// <summary>Filled in by Playwright from the script's object (it needs a parameterless constructor).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Playwright creates it by reflection.")]
    private sealed class Focused
    {
        public string Tag { get; set; } = "";
        public string Type { get; set; } = "";
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";
        public string Href { get; set; } = "";
        public bool Checked { get; set; }
        public string Value { get; set; } = "";
        public string? Max { get; set; }
        public bool InForm { get; set; }
        public bool FocusVisible { get; set; }

        public string Describe() => $"<{Tag.ToLowerInvariant()} id='{Id}' name='{Name}'>";
    }
}
