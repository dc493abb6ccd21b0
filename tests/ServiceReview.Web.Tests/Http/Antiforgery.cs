using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Http;

public sealed class Antiforgery(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_post_to_a_controller_without_the_token_gets_400()
    {
        var response = await factory.CreateBrowser().PostAsync("/Culture/Set", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_post_to_the_login_page_without_the_token_gets_400()
    {
        var response = await factory.CreateBrowser().PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@demo.local",
            ["Input.Password"] = ServiceReviewWebFactory.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_post_with_the_token_of_the_page_in_the_RequestVerificationToken_header_is_accepted()
    {
        var client = factory.CreateBrowser();
        var html = await client.GetStringAsync("/Identity/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"request-verification-token\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/Culture/Set")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
