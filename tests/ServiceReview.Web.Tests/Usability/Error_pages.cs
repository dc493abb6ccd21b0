using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Usability;

/// <summary>
/// 404, 403, 500 and 400 (a form whose antiforgery token is missing or stale) each answer with their status code and a
/// friendly page in the user's language, with a way back to the home page.
/// </summary>
public sealed class Error_pages(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    public static TheoryData<string, string, string> Cultures => new()
    {
        { "zh-CN", "页面不存在", "无权访问" },
        { "en", "Page not found", "Access denied" },
    };

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task A_page_that_does_not_exist_answers_404_with_a_friendly_page(string culture, string notFound, string _)
    {
        // Signed out, every unknown path leads to the login page first; signed in, it is a 404.
        await factory.EnsureDemoDataAsync();
        var client = await factory.SignedInAsync("lead1@demo.local");
        var response = await client.SendAsync(InCulture(HttpMethod.Get, "/no/such/page", culture));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertFriendlyAsync(response, culture, notFound);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task A_page_outside_the_users_role_answers_403_with_a_friendly_page(string culture, string _, string denied)
    {
        await factory.EnsureDemoDataAsync();
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var refused = await client.SendAsync(InCulture(HttpMethod.Get, "/Rounds", culture));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var response = await client.SendAsync(InCulture(HttpMethod.Get, refused.Headers.Location!.OriginalString, culture));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertFriendlyAsync(response, culture, denied);
    }

    [Theory]
    [InlineData("zh-CN", "请求无法处理", "请刷新页面后重试")]
    [InlineData("en", "The request could not be accepted", "reload the page and try again")]
    public async Task A_form_posted_without_its_antiforgery_token_answers_400_with_a_friendly_page(string culture, string title, string advice)
    {
        var request = InCulture(HttpMethod.Post, "/Culture/Set", culture);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });
        var response = await factory.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await AssertFriendlyAsync(response, culture, title);
        Assert.Contains(advice, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "出错了", "请求编号")]
    [InlineData("en", "Something went wrong", "Request ID")]
    public async Task An_unhandled_exception_answers_500_with_a_friendly_page_and_no_details(string culture, string title, string requestId)
    {
        using var throwing = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddControllersWithViews().AddApplicationPart(typeof(ThrowingController).Assembly)));
        var client = throwing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.SendAsync(InCulture(HttpMethod.Get, "/Throwing", culture));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await AssertFriendlyAsync(response, culture, title);
        Assert.Contains(requestId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingController.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }

    private static HttpRequestMessage InCulture(HttpMethod method, string path, string culture)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
        return request;
    }

    /// <summary>The page is HTML in the culture's language, with the expected words as its h1 and title, and a link home.</summary>
    private static async Task<string> AssertFriendlyAsync(HttpResponseMessage response, string culture, string title)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{culture}\"", html, StringComparison.Ordinal);
        Assert.Matches($"<h1[^>]*>[^<]*{System.Text.RegularExpressions.Regex.Escape(title)}", html);
        Assert.Matches($"<title>[^<]*{System.Text.RegularExpressions.Regex.Escape(title)}", html);
        Assert.Matches("<a [^>]*href=\"/\"", html);
        return html;
    }
}

/// <summary>Only in these tests (added as an application part): an action that fails.</summary>
[AllowAnonymous]
public sealed class ThrowingController : Controller
{
    public const string Secret = "connection string of a test that must not leak";

#pragma warning disable CA1822 // MVC actions are instance methods.
    public IActionResult Index() => throw new InvalidOperationException(Secret);
#pragma warning restore CA1822
}
