using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// In Production behind a TLS-terminating proxy: X-Forwarded-Proto/-Host/-For count only from a trusted proxy
/// (loopback, or ReverseProxy:KnownProxies / KnownNetworks); every cookie is Secure and named __Host-...; HSTS is sent.
/// The test server has no real client address, so a start-up filter takes it from the test header X-Test-Remote-Address.
/// </summary>
public sealed partial class Behind_a_TLS_proxy : IDisposable
{
    private readonly List<IDisposable> _roots = [];

    private const string Password = "Tq7-Harbour-Lantern-Fig";
    private const string PublicHost = "reviews.example.org";

    [Fact]
    public async Task A_request_from_the_proxy_on_loopback_with_X_Forwarded_Proto_https_is_treated_as_https()
    {
        using var app = Production();
        var response = await Send(app, HttpMethod.Get, "/", from: "127.0.0.1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"https://{PublicHost}/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "No HSTS header on an https request in Production.");
    }

    [Fact]
    public async Task A_request_from_an_unknown_address_keeps_its_own_scheme_and_host()
    {
        using var app = Production();
        var response = await Send(app, HttpMethod.Get, "/", from: "203.0.113.9");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("ReverseProxy:KnownProxies", "10.20.30.40", "10.20.30.40")]
    [InlineData("ReverseProxy:KnownProxies", "10.20.30.41, 10.20.30.40", "10.20.30.40")]
    [InlineData("ReverseProxy:KnownNetworks", "10.99.0.0/16", "10.99.3.4")]
    public async Task A_proxy_named_in_the_settings_is_trusted(string key, string value, string proxy)
    {
        using var app = Production(new Dictionary<string, string?> { [key] = value });

        var trusted = await Send(app, HttpMethod.Get, "/", from: proxy);
        var other = await Send(app, HttpMethod.Get, "/", from: "10.98.0.1");

        Assert.StartsWith($"https://{PublicHost}/", trusted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/", other.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_cookie_is_Secure_and_host_prefixed_in_Production()
    {
        using var app = Production();
        await CreateUserAsync(app, "proxy.user@example.org");

        var loginPage = await Send(app, HttpMethod.Get, "/Identity/Account/Login", from: "127.0.0.1");
        var antiforgery = SetCookie(loginPage, "__Host-ServiceReview.Antiforgery");
        var token = TokenPattern().Match(await loginPage.Content.ReadAsStringAsync()).Groups[1].Value;

        var signIn = await Send(app, HttpMethod.Post, "/Identity/Account/Login", from: "127.0.0.1", cookies: [antiforgery], form: new()
        {
            ["Input.Email"] = "proxy.user@example.org",
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = SetCookie(signIn, "__Host-ServiceReview.Auth");

        var home = await Send(app, HttpMethod.Get, "/", from: "127.0.0.1", cookies: [antiforgery, auth]);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var metaToken = MetaTokenPattern().Match(await home.Content.ReadAsStringAsync()).Groups[1].Value;

        var culture = await Send(app, HttpMethod.Post, "/Culture/Set", from: "127.0.0.1", cookies: [antiforgery, auth], form: new()
        {
            ["culture"] = "en",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(metaToken),
        });
        Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
        var cultureCookie = SetCookie(culture, "__Host-ServiceReview.Culture");

        var english = await Send(app, HttpMethod.Get, "/", from: "127.0.0.1", cookies: [antiforgery, auth, cultureCookie]);
        Assert.Contains("<html lang=\"en\"", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(AllSetCookies(loginPage, signIn, home, culture, english), c => !c.StartsWith("__Host-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Testing_environment_keeps_the_default_cookie_names()
    {
        using var app = new ServiceReviewWebFactory();
        var response = await app.CreateBrowser().GetAsync("/Identity/Account/Login");

        var names = response.Headers.GetValues("Set-Cookie").Select(c => c.Split('=')[0]).ToList();
        Assert.Contains(names, n => n.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("__Host-", StringComparison.Ordinal));
    }

    /// <summary>The app in Production, on its own SQLite file, with the background jobs off.</summary>
    private WebApplicationFactory<Program> Production(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Rounds:AutoClose:Enabled"] = "false",
            ["Notifications:Reminders:Enabled"] = "false",
            ["Email:Dispatch:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        // The root factory owns the database file; it is disposed (and the file deleted) after the test.
        var root = ServiceReviewWebFactory.WithSettings(all);
        _roots.Add(root);
        return root.WithWebHostBuilder(b =>
            b.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddressFromTestHeader>()));
    }

    public void Dispose()
    {
        foreach (var root in _roots)
        {
            root.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> Send(
        WebApplicationFactory<Program> app, HttpMethod method, string path, string from,
        IEnumerable<string>? cookies = null, Dictionary<string, string>? form = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Test-Remote-Address", from);
        request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", PublicHost);
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The Set-Cookie of that name: Secure, Path=/, no Domain (what __Host- demands); returns "name=value".</summary>
    private static string SetCookie(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var all), $"No Set-Cookie at all (wanted {name}).");
        var header = all.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        Assert.True(header is not null, $"No {name} cookie among: {string.Join(" | ", all.Select(c => c.Split('=')[0]))}");
        var attributes = header!.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        return header.Split(';')[0];
    }

    private static IEnumerable<string> AllSetCookies(params HttpResponseMessage[] responses) =>
        responses.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var values) ? values : []);

    private static async Task CreateUserAsync(WebApplicationFactory<Program> app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email }, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "The container creates it as an IStartupFilter.")]
    private sealed class RemoteAddressFromTestHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Remote-Address", out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaTokenPattern();
}
