using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// Every kind of response (anonymous page, signed-in page, JSON, static file, 404, 403, error page) carries the
/// security headers, with a CSP that allows no inline script; none names the server.
/// </summary>
public sealed class Security_headers(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_anonymous_login_page_carries_them()
    {
        var response = await factory.CreateBrowser().GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_signed_in_page_carries_them()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var response = await client.GetAsync("/Rounds");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_JSON_answer_carries_them()
    {
        var client = await factory.SignedInAsync("manager@demo.local");
        var response = await client.GetAsync("/api/teams");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/js/site.js")]
    [InlineData("/lib/bootstrap/dist/css/bootstrap.min.css")]
    public async Task A_static_file_carries_them(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_404_page_carries_them()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_403_page_and_a_403_JSON_answer_carry_them()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var page = await client.GetAsync("/Identity/Account/AccessDenied");
        var json = await client.GetAsync("/api/teams");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        AssertSecurityHeaders(page);
        AssertSecurityHeaders(json);
    }

    [Fact]
    public async Task A_401_JSON_answer_and_the_500_page_carry_them()
    {
        var signedOut = await factory.CreateBrowser().GetAsync("/api/teams");
        var error = await factory.CreateBrowser().GetAsync("/Error");

        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        AssertSecurityHeaders(signedOut);
        AssertSecurityHeaders(error);
    }

    [Fact]
    public async Task The_policy_allows_scripts_from_the_app_only()
    {
        var response = await factory.CreateBrowser().GetAsync("/Identity/Account/Login");
        var csp = Directives(response);

        Assert.Equal("'self'", csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("'self' data:", csp["img-src"]);
        Assert.DoesNotContain("unsafe-eval", csp.Values.SelectMany(v => v.Split(' ')).Select(s => s.Trim('\'')));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Directives(response);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), "The response names its server.");
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    internal static Dictionary<string, string> Directives(HttpResponseMessage response)
    {
        var value = Header(response, "Content-Security-Policy");
        Assert.NotNull(value);
        return value!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
