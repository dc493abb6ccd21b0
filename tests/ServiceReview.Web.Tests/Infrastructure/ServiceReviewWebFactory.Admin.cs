using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Infrastructure.Identity;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the administration tests: people by e-mail, accounts, audit entries, one-time passwords.</summary>
public sealed partial class ServiceReviewWebFactory
{
    public Task<Person?> PersonByEmailAsync(string email) =>
        WithDbAsync(db => db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == email));

    /// <summary>
    /// The display name of the person with this account, looked up in the database: tests compare against it instead of
    /// a demo person's name, which the demo data may change.
    /// </summary>
    public Task<string> NameOfAsync(string email) =>
        WithDbAsync(db => db.People.AsNoTracking().Where(p => p.Email == email).Select(p => p.DisplayName).SingleAsync());

    public async Task<(ApplicationUser? User, IList<string> Roles)> AccountAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        return (user, user is null ? [] : await users.GetRolesAsync(user));
    }

    public Task<List<AuditEntry>> AuditOfAsync(string entityType, int id) =>
        WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync());

    /// <summary>The one-time password a person page shows after a create or reset, or null.</summary>
    public static string? OneTimePasswordOf(string html)
    {
        return Html.TextOf(html, "#one-time-password");
    }

    /// <summary>Follows one redirect and returns the HTML of the page it leads to (decoded).</summary>
    public static async Task<string> FollowRedirectAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await client.GetStringAsync(response.Headers.Location);
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>A fresh browser signed in with the given account (no demo data needed).</summary>
    public async Task<HttpClient> SignedInWithAsync(string email, string password)
    {
        var client = CreateBrowser();
        var response = await SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
