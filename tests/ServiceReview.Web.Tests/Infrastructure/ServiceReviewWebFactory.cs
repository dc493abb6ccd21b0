using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Seeding;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>
/// The whole web app on a real SQLite database in a temporary file of its own, in the "Testing" environment
/// (so start-up migrates and seeds reference data, but loads no demo data unless a test asks for it).
/// </summary>
public sealed partial class ServiceReviewWebFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Password-2026";

    private readonly SemaphoreSlim _demoLock = new(1, 1);
    private bool _demoLoaded;

    public ServiceReviewWebFactory()
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"servicereview-web-tests-{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:ServiceReview", $"Data Source={DatabasePath}");
        ApplyExtraSettings(builder);
        builder.ConfigureTestServices(CountSqlCommands);
        builder.ConfigureTestServices(RetryLikeServerProviders);
    }

    /// <summary>A client that does not follow redirects, so that tests see the 302s; it keeps cookies.</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Loads the demo data of contracts.md once per factory (needs the real migrations and seed).</summary>
    public async Task EnsureDemoDataAsync()
    {
        await _demoLock.WaitAsync();
        try
        {
            if (_demoLoaded)
            {
                return;
            }

            await using var scope = Services.CreateAsyncScope();
            var initializer = scope.ServiceProvider.GetRequiredService<IDatabaseInitializer>();

            // Other tests of the same factory may have created accounts already, so "empty" is not the test here.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            if (await users.FindByEmailAsync("admin@demo.local") is null)
            {
                await initializer.SeedDemoDataAsync(1);
            }

            _demoLoaded = true;
        }
        finally
        {
            _demoLock.Release();
        }
    }

    /// <summary>Creates an account directly through Identity (needs the Identity tables).</summary>
    public async Task<ApplicationUser> CreateUserAsync(string email, string password, string? role = null, bool disabled = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, IsDisabled = disabled };
        Check(await users.CreateAsync(user, password));
        if (role is not null)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }

            Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    /// <summary>Signs in through the login form (GET, read the antiforgery token, POST), as a browser does.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await GetAntiforgeryTokenAsync(client, "/Identity/Account/Login");
        return await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var token = AntiforgeryTokenOf(html);
        Assert.True(token is not null, $"No antiforgery token on {path}.");
        return token;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _demoLock.Dispose();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in _keepDatabase ? [] : new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(DatabasePath + suffix);
                }
                catch (IOException)
                {
                    // A temp file left behind is not worth failing a test run for.
                }
            }
        }
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    private static string? AntiforgeryTokenOf(string html) =>
        Html.AttributeOf(html, "input[name=__RequestVerificationToken]", "value");
}
