using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Tests.Security;

public sealed class Api_aware_cookie_redirects
{
    [Fact]
    public async Task Answer_403_as_json_to_an_api_call_outside_the_role()
    {
        var context = await Run(ApiAwareCookieEvents.RedirectToAccessDeniedAsync, "/api/rounds");

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.False(context.Response.Headers.ContainsKey("Location"));
    }

    [Fact]
    public async Task Redirect_a_page_outside_the_role_to_the_access_denied_page()
    {
        var context = await Run(ApiAwareCookieEvents.RedirectToAccessDeniedAsync, "/rounds");

        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        Assert.Equal("/Identity/Account/AccessDenied", context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Answer_401_to_a_signed_out_api_call()
    {
        var context = await Run(ApiAwareCookieEvents.RedirectToLoginAsync, "/API/teams");

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task Do_not_take_a_page_whose_name_starts_with_api_for_the_api()
    {
        var context = await Run(ApiAwareCookieEvents.RedirectToLoginAsync, "/apiary");

        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
    }

    private static async Task<HttpContext> Run(Func<RedirectContext<CookieAuthenticationOptions>, Task> handler, string path)
    {
        var httpContext = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        httpContext.Request.Path = path;
        httpContext.Response.Body = new MemoryStream();
        var scheme = new AuthenticationScheme("Identity.Application", null, typeof(CookieAuthenticationHandler));
        var redirectUri = path.Contains("rounds", StringComparison.Ordinal) && !path.StartsWith("/api", StringComparison.Ordinal)
            ? "/Identity/Account/AccessDenied"
            : "/Identity/Account/Login";
        await handler(new RedirectContext<CookieAuthenticationOptions>(httpContext, scheme, new CookieAuthenticationOptions(), new AuthenticationProperties(), redirectUri));
        return httpContext;
    }
}
