using System.Net;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the record page (<c>/inspections/{id}</c>, issue #14).</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>
    /// GETs <paramref name="url"/> following redirects (the old <c>/Inspections/Details/{id}</c> now redirects to the
    /// record page); the final response.
    /// </summary>
    public static async Task<HttpResponseMessage> GetFollowingAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.MovedPermanently; hops++)
        {
            var next = response.Headers.Location!.ToString();
            response.Dispose();
            response = await client.GetAsync(next);
        }

        return response;
    }

    /// <summary>The page at the end of the redirects; fails unless it is a 200.</summary>
    public static async Task<string> GetFollowingStringAsync(HttpClient client, string url)
    {
        using var response = await GetFollowingAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
