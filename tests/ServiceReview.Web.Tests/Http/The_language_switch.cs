using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Http;

public sealed class The_language_switch(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Sets_the_culture_cookie_and_goes_back_to_the_page()
    {
        var client = factory.CreateBrowser();
        var response = await SwitchAsync(client, "en", "/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/Login", response.Headers.Location!.OriginalString);
        var html = await client.GetStringAsync("/Identity/Account/Login");
        Assert.Contains(">Sign in</h1>", html, StringComparison.Ordinal);

        await SwitchAsync(client, "zh-CN", "/Identity/Account/Login");
        Assert.Contains(">登录</h1>", await client.GetStringAsync("/Identity/Account/Login"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task Does_not_redirect_to_another_site(string returnUrl)
    {
        var response = await SwitchAsync(factory.CreateBrowser(), "en", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Refuses_a_culture_it_does_not_offer()
    {
        var response = await SwitchAsync(factory.CreateBrowser(), "fr", "/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SwitchAsync(HttpClient client, string culture, string returnUrl)
    {
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, "/Identity/Account/Login");
        return await client.PostAsync("/Culture/Set", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = culture,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
    }
}
