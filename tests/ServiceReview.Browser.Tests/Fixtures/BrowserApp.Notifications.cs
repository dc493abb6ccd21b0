using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>Test data for the usability tests, written straight into the app's database.</summary>
public static class BrowserAppNotifications
{
    /// <summary>Gives the person with this e-mail one unread notification (a fresh key, so it is never deduplicated).</summary>
    public static async Task NotifyAsync(this BrowserApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var person = await db.People.SingleAsync(p => p.Email == email);
        db.Notifications.Add(new Notification(person.Id, NotificationKind.DueSoon, "Round", 1, "/Inspections", $"Test:{Guid.NewGuid():N}", DateTime.UtcNow));
        await db.SaveChangesAsync();
    }
}
