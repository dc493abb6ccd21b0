using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>People of the demo data found by their account, never by a name the demo data may change.</summary>
public static class BrowserAppPeople
{
    /// <summary>The display name of the person with this demo account, as the pages show it.</summary>
    public static async Task<string> NameOfAsync(this BrowserApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        return await db.People.AsNoTracking().Where(p => p.Email == email).Select(p => p.DisplayName).SingleAsync();
    }
}
