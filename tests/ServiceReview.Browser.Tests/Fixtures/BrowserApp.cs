using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>
/// The real app on a real Kestrel port (Development environment, so the demo data is loaded into a fresh SQLite
/// file), driven by Debian's Chromium through Playwright. One per test collection.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which disposes the fields.")]
public sealed partial class BrowserApp : IAsyncLifetime
{
    public const string DemoPassword = "Demo-Password-2026";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"servicereview-browser-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program>? _baseFactory;
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        if (BrowserEnvironment.SkipReason is not null)
        {
            return;
        }

        if (!File.Exists(BrowserEnvironment.ChromiumPath))
        {
            throw new InvalidOperationException($"{BrowserEnvironment.NotInstalledMessage}. CI=true, so the browser tests fail instead of being skipped.");
        }

        _baseFactory = new WebApplicationFactory<Program>();
        _factory = _baseFactory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:ServiceReview", $"Data Source={_databasePath}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");

            // A free port chosen by the system: several apps (test collections, other checkouts) may run at once.
            builder.UseUrls("http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) in the given UI culture, at tablet-or-laptop size.</summary>
    public Task<IPage> NewPageAsync(string? culture = null) => NewPageAsync(culture, 1280, 900);

    /// <summary>
    /// A fresh browser context at the given viewport (a phone is 390 × 844, a tablet 768 × 1024 or 1024 × 768), with
    /// touch when <paramref name="touch"/> is set. Reduced motion turns off Bootstrap's smooth scrolling, so positions
    /// read right after a key press are where the page comes to rest.
    /// </summary>
    public async Task<IPage> NewPageAsync(string? culture, int width, int height, bool touch = false)
    {
        Skip.If(BrowserEnvironment.SkipReason is not null, BrowserEnvironment.SkipReason);
        var testClass = CspViolations.CallingTestClass();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = touch,
            IsMobile = false,
            ReducedMotion = ReducedMotion.Reduce,
            Locale = "zh-CN",
        });
        if (culture is not null)
        {
            await context.AddCookiesAsync([new Cookie
            {
                Name = ".AspNetCore.Culture",
                Value = $"c={culture}|uic={culture}",
                Url = BaseUrl,
            }]);
        }

        // Every page reports CSP violations; FailOnCspViolations (on each collection) fails the test on any.
        await context.AddInitScriptAsync(CspViolations.InitScript);
        var page = await context.NewPageAsync();
        CspViolations.Watch(page, testClass);
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Signs in through the login form, as a user would.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Waits until an async predicate evaluated in the page (e.g. a read from IndexedDB) is true. Playwright's
    /// WaitForFunction does not wait for a promise: an async predicate's promise is truthy at once.
    /// </summary>
    public static async Task UntilAsync(IPage page, string asyncPredicate, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await page.EvaluateAsync<bool>(asyncPredicate))
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Saves a screenshot under the test output folder, and into the docs when SERVICEREVIEW_SCREENSHOTS names a folder
    /// (that is how docs/images is refreshed: the user guide shows what the tests saw).
    /// </summary>
    /// <param name="fullPage">False keeps to the viewport: for long forms whose interesting part is where the user is.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("SERVICEREVIEW_SCREENSHOTS") is { Length: > 0 } docs)
        {
            folders.Add(docs);
        }

        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_baseFactory is not null)
        {
            await _baseFactory.DisposeAsync();
        }

        _detailLock.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(path);
        }
    }
}

[CollectionDefinition(Name)]
[FailOnCspViolations]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
