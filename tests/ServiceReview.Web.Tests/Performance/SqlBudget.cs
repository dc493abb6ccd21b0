using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Performance;

/// <summary>
/// A page's SQL budget (issue #15), measured on a warm request: the request before it does the once-a-minute work
/// (the session's last-use stamp, Identity's security-stamp check) and a record's first-opening work, which are not the
/// page's cost.
/// </summary>
public static class SqlBudget
{
    public static async Task<SqlCommandsOfRequest> WarmGetAsync(this ServiceReviewWebFactory factory, HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(client);
        using (var warm = await client.GetAsync(path))
        {
            warm.EnsureSuccessStatusCode();
        }

        return await factory.SqlCommandsOfGetAsync(client, path);
    }

    /// <summary>Fails with the listing of the commands when the request ran more than <paramref name="budget"/>.</summary>
    public static void Within(this SqlCommandsOfRequest request, int budget, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        Assert.True(request.Count <= budget, $"{what}: {request.Count} SQL commands, budget {budget}:{Environment.NewLine}{request.Listing()}");
    }
}
