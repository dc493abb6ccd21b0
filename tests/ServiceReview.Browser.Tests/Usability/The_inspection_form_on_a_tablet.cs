using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;

namespace ServiceReview.Browser.Tests.Usability;

/// <summary>
/// Inspectors fill the form on site, on a tablet held either way: every choice, number box and check box is a touch
/// target of at least 44 × 44 px, nothing scrolls sideways, and the sticky live score stays in sight without covering
/// the field being filled.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_inspection_form_on_a_tablet(BrowserApp app)
{
    private const double MinTarget = 44;

    [SkippableTheory]
    [InlineData(768, 1024, "usability-form-tablet-portrait")]
    [InlineData(1024, 768, "usability-form-tablet-landscape")]
    public async Task Every_input_is_a_44_px_target_nothing_scrolls_sideways_and_the_score_stays_in_sight(int width, int height, string screenshot)
    {
        var page = await app.NewPageAsync(null, width, height, touch: true);
        await BrowserApp.SignInAsync(page, "inspector3@demo.local");
        await page.GotoAsync("/Inspections");
        await page.Locator("main a[href*='/Inspections/Fill/']").First.TapAsync();
        await page.WaitForURLAsync(url => url.Contains("/Inspections/Fill/", StringComparison.Ordinal));
        await page.Locator("#score-total").Filter(new LocatorFilterOptions { HasNotText = "—" }).WaitForAsync();

        Assert.True(await The_bell_on_phones_and_tablets.NoHorizontalScrollAsync(page), "the form scrolls sideways");

        // The visible target of a radio is its button-like label; of a check box, the box with its label.
        var targets = new (string What, string Selector)[]
        {
            ("choice", "fieldset.indicator .btn-check + label.btn"),
            ("number box", "fieldset.indicator input[type=number]"),
            ("not-applicable check box", "fieldset.indicator .form-check-label"),
            ("form button", "#inspection-form .sticky-bottom .btn"),
        };
        foreach (var (what, selector) in targets)
        {
            var sizes = await page.Locator(selector).EvaluateAllAsync<double[][]>(
                "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })");
            Assert.NotEmpty(sizes);
            var small = sizes.Where(s => s[0] < MinTarget || s[1] < MinTarget).ToList();
            Assert.True(small.Count == 0, $"{small.Count} of {sizes.Length} {what}(es) are under 44 px, e.g. {string.Join(", ", small.Take(3).Select(s => $"{s[0]:0}×{s[1]:0}"))}");
        }

        // Scroll half-way: the score bar sticks to the top, in sight, and the field under the reader's thumb is clear of it.
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight / 2)");
        var bar = (await page.Locator("#score-bar").BoundingBoxAsync())!;
        Assert.InRange(bar.Y, 0, 16);
        Assert.True(await page.Locator("#score-total").IsVisibleAsync());

        var fields = page.Locator("fieldset.indicator .input-note");
        var count = await fields.CountAsync();
        foreach (var index in new[] { 0, count / 2, count - 1 })
        {
            await fields.Nth(index).FocusAsync();
            await AssertClearOfTheBarsAsync(page, $"note {index + 1} of {count}");
        }

        await fields.Nth(count / 2).FocusAsync();
        await BrowserApp.ScreenshotAsync(page, screenshot, fullPage: false);
    }

    /// <summary>The focused element lies wholly between the sticky score bar and the sticky buttons.</summary>
    internal static async Task AssertClearOfTheBarsAsync(IPage page, string what)
    {
        var box = await page.EvaluateAsync<double[]>(@"() => {
            const e = document.activeElement.getBoundingClientRect();
            const bar = document.getElementById('score-bar').getBoundingClientRect();
            const buttons = document.querySelector('#inspection-form .sticky-bottom');
            const inButtons = buttons.contains(document.activeElement);
            const bottom = inButtons ? window.innerHeight : buttons.getBoundingClientRect().top;
            const top = e.top < bar.bottom && e.bottom > bar.top ? bar.bottom : 0;
            return [e.top, e.bottom, top, bottom];
        }");
        Assert.True(box[0] >= box[2] - 0.5 && box[1] <= box[3] + 0.5,
            $"{what} (y {box[0]:0}–{box[1]:0}) is hidden behind a sticky bar (free area y {box[2]:0}–{box[3]:0})");
    }
}
