using Microsoft.AspNetCore.Http;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;

namespace ServiceReview.Web.Tests.Lists;

public sealed class The_paging_rules
{
    [Theory]
    [InlineData(null, null, 1, 20)]
    [InlineData(0, 7, 1, 20)]
    [InlineData(-5, 50, 1, 50)]
    [InlineData(3, 100, 3, 100)]
    [InlineData(int.MaxValue, 10, int.MaxValue, 10)]
    public void A_page_request_is_made_safe(int? page, int? size, int expectedPage, int expectedSize)
    {
        var request = PageRequest.Of(page, size);

        Assert.Equal((expectedPage, expectedSize), (request.Page, request.Size));
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(5, 45, 3)]
    [InlineData(99, 45, 3)]
    [InlineData(-1, 45, 1)]
    public void A_page_beyond_either_end_becomes_the_nearest_page(int page, int total, int expected) =>
        Assert.Equal(expected, PageMath.Clamp(page, total, 20));

    [Fact]
    public void The_page_links_show_the_ends_and_two_either_side_with_gaps()
    {
        Assert.Equal([1, null, 5, 6, 7, 8, 9, null, 500], ListUrls.Window(7, 500));
        Assert.Equal([1, 2, 3], ListUrls.Window(2, 3));
        Assert.Equal([1, 2, 3, 4, null, 10], ListUrls.Window(2, 10));
    }

    [Fact]
    public void A_page_link_keeps_every_other_parameter_and_page_one_has_none()
    {
        var request = new DefaultHttpContext().Request;
        request.Path = "/Actions";
        request.QueryString = new QueryString("?q=%E6%95%B4%E6%94%B9&status=Open&page=3&size=10");

        Assert.Equal("/Actions?q=%E6%95%B4%E6%94%B9&status=Open&page=4&size=10", ListUrls.Page(request, 4));
        Assert.Equal("/Actions?q=%E6%95%B4%E6%94%B9&status=Open&size=10", ListUrls.Page(request, 1));
        Assert.Equal("/Actions?q=%E6%95%B4%E6%94%B9&status=Open&size=50", ListUrls.Size(request, 50));
        Assert.Equal("/Actions?status=Open&size=10", ListUrls.ClearSearch(request));
        Assert.Equal("/Actions?size=10", ListUrls.ClearAll(request));
    }
}
