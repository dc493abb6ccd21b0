using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>/Error/{code} shows error pages only: 400–599. Any other number is a page that does not exist.</summary>
public sealed class Error_status_codes(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(399)]
    [InlineData(600)]
    [InlineData(999)]
    [InlineData(-1)]
    public async Task A_code_outside_400_to_599_answers_404(int code)
    {
        var response = await factory.CreateBrowser().GetAsync($"/Error/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(599)]
    public async Task A_code_from_400_to_599_answers_with_that_code(int code)
    {
        var response = await factory.CreateBrowser().GetAsync($"/Error/{code}");

        Assert.Equal(code, (int)response.StatusCode);
    }
}
