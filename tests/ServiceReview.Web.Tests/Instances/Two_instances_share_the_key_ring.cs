using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Instances;

/// <summary>
/// Two app instances on one database, each on a "machine" of its own: without the key ring in the database, each
/// would keep its Data Protection keys in a local folder, and neither could read the other's cookies or form tokens
/// (issue #15, ADR 0028).
/// </summary>
public sealed class Two_instances_share_the_key_ring : IDisposable
{
    private const string Password = "Keys-Shared-By-Instances-2026";
    private static readonly Dictionary<string, string?> NoSettings = [];

    private readonly string _folders = Path.Combine(Path.GetTempPath(), $"servicereview-keys-{Guid.NewGuid():N}");
    private readonly ServiceReviewWebFactory _first = ServiceReviewWebFactory.KeepingDatabase(NoSettings);
    private readonly ServiceReviewWebFactory _second;

    public Two_instances_share_the_key_ring()
    {
        _second = ServiceReviewWebFactory.OnDatabaseOf(_first, NoSettings);
    }

    [Fact]
    public async Task A_form_token_and_a_sign_in_cookie_from_one_instance_are_accepted_by_the_other()
    {
        using var a = OnOwnMachine(_first, "a");
        using var b = OnOwnMachine(_second, "b");
        var browser = new RoundRobinBrowser(Client(a), Client(b));
        await CreateAccountAsync(a, "both@example.org");

        // The login form comes from A; B checks its antiforgery token and issues the sign-in cookie...
        var login = await browser.GetStringAsync(0, "/Identity/Account/Login");
        var token = Html.AttributeOf(login, "input[name=__RequestVerificationToken]", "value")!;
        using var signIn = await browser.PostAsync(1, "/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "both@example.org",
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // ...which A accepts, and B too.
        using var me = await browser.GetAsync(0, "/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("both@example.org", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await browser.GetAsync(1, "/api/me");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // One key, made by the first instance that needed one and read by the other from the database.
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
        try
        {
            Directory.Delete(_folders, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// The app as on a machine of its own: had the app configured no key repository, ASP.NET Core would use this
    /// instance's local folder (on one test machine both would share the user's profile folder and pass by accident).
    /// </summary>
    private WebApplicationFactory<Program> OnOwnMachine(ServiceReviewWebFactory factory, string name)
    {
        var folder = new DirectoryInfo(Path.Combine(_folders, name));
        return factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.PostConfigure<KeyManagementOptions>(o => o.XmlRepository ??= new FileSystemXmlRepository(folder, NullLoggerFactory.Instance))));
    }

    private static HttpClient Client(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task CreateAccountAsync(WebApplicationFactory<Program> factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email }, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
