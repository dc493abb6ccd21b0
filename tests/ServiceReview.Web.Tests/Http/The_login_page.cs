using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Http;

public sealed class The_login_page(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string LoginPath = "/Identity/Account/Login";

    [Fact]
    public async Task Renders_in_Chinese_by_default()
    {
        var response = await factory.CreateBrowser().GetAsync(LoginPath);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains(">登录</h1>", html, StringComparison.Ordinal);
        Assert.Contains(">电子邮箱</label>", html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("App.Brand"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renders_in_English_with_the_culture_cookie()
    {
        var client = factory.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, LoginPath);
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in</h1>", html, StringComparison.Ordinal);
        Assert.Contains(">E-mail</label>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts.Zh("Login.Email"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renders_in_English_with_the_culture_query_string()
    {
        var html = await factory.CreateBrowser().GetStringAsync(LoginPath + "?culture=en");

        Assert.Contains(">Sign in</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignores_the_browser_language()
    {
        var client = factory.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, LoginPath);
        request.Headers.Add("Accept-Language", "en-US,en;q=0.9");

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains(">登录</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeps_the_field_names_of_the_contract()
    {
        var html = await factory.CreateBrowser().GetStringAsync(LoginPath);

        Assert.Contains("name=\"Input.Email\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Password\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.RememberMe\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_localised_validation_messages_for_an_empty_form()
    {
        var client = factory.CreateBrowser();
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, LoginPath);

        var response = await client.PostAsync(LoginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "",
            ["Input.Password"] = "",
            ["__RequestVerificationToken"] = token,
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Texts.Zh("Validation.Required", "电子邮箱"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Validation.Required", "密码"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("field is required", html, StringComparison.Ordinal);
    }
}
