using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for tests that sign in with a demo account, post forms and look into the database.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>A browser (no auto-redirect) signed in with a demo account; loads the demo data first.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        await EnsureDemoDataAsync();
        var client = CreateBrowser();
        var response = await SignInAsync(client, email, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts a form with the antiforgery token of the page at <paramref name="pagePath"/>, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string actionPath, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(pagePath);
        var token = MetaTokenOf(html);
        Assert.True(token is not null, $"No antiforgery token on {pagePath}.");
        var all = fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        return await client.PostAsync(actionPath, new FormUrlEncodedContent(all));
    }

    /// <summary>Runs <paramref name="work"/> on a fresh DbContext of the app.</summary>
    public async Task<T> WithDbAsync<T>(Func<ServiceReviewDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>());
    }

    /// <summary>Runs <paramref name="work"/> with a service of the app, in a scope of its own.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The antiforgery token the layout puts in a meta element for scripts.</summary>
    private static string? MetaTokenOf(string html) =>
        Html.AttributeOf(html, "meta[name=request-verification-token]", "content");
}
