using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Http;

public sealed class Signed_out_requests(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Home/Index")]
    public async Task To_a_page_redirect_to_the_login_page(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/rounds")]
    public async Task To_the_api_get_401_as_json_instead_of_a_redirect(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":401", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task To_healthz_answer_200_Healthy()
    {
        var response = await factory.CreateBrowser().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task To_static_files_are_served()
    {
        var response = await factory.CreateBrowser().GetAsync("/lib/bootstrap/dist/css/bootstrap.min.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/Identity/Account/ForgotPassword")]
    [InlineData("/Identity/Account/Manage/DeletePersonalData")]
    public async Task To_identity_pages_the_product_does_not_offer_never_show_them(string path)
    {
        var response = await factory.CreateBrowser().GetAsync(path);

        // Unrouted, so like any unknown address: the fallback policy sends a stranger to the login page.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_the_database_file_of_the_test_not_the_development_one()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();

        Assert.Contains(factory.DatabasePath, db.Database.GetConnectionString(), StringComparison.Ordinal);
    }
}
