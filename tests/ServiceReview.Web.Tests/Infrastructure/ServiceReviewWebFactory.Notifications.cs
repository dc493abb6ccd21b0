using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Notifications;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the notification tests.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>The notifications of the person with this e-mail, oldest first.</summary>
    public async Task<List<Notification>> NotificationsOfAsync(string email)
    {
        var person = await PersonIdAsync(email);
        return await WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.RecipientId == person).OrderBy(n => n.Id).ToListAsync());
    }

    /// <summary>Stores a notification for the person with this e-mail; returns its id.</summary>
    public async Task<int> NotifyAsync(
        string email, NotificationKind kind = NotificationKind.SubmittedForReview, string link = "/Reviews", string subjectType = "Inspection", int subjectId = 1)
    {
        var person = await PersonIdAsync(email);
        return await WithDbAsync(async db =>
        {
            var notification = new Notification(person, kind, subjectType, subjectId, link, $"Test:{Guid.NewGuid():N}", DateTime.UtcNow);
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        });
    }

    /// <summary>Marks every notification of the person read, so a test can count from zero.</summary>
    public async Task MarkAllReadAsync(string email)
    {
        var person = await PersonIdAsync(email);
        await WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == person && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow)));
    }
}
