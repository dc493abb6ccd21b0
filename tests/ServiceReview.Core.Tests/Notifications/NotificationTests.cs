using ServiceReview.Core.Notifications;

namespace ServiceReview.Core.Tests.Notifications;

public sealed class NotificationTests
{
    private static readonly DateTime Now = new(2026, 10, 10, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_notification_is_unread_and_reading_it_twice_keeps_the_first_time()
    {
        var notification = new Notification(7, NotificationKind.DueSoon, "Inspection", 5, "/Inspections/Fill/5", "DueSoon:Inspection:5", Now);
        Assert.False(notification.IsRead);

        notification.MarkRead(Now.AddHours(1));
        notification.MarkRead(Now.AddHours(2));

        Assert.Equal(Now.AddHours(1), notification.ReadAt);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("Inspections/Fill/5")]
    [InlineData("")]
    public void A_notification_links_only_to_a_local_page(string link) =>
        Assert.Throws<ArgumentException>(() => new Notification(7, NotificationKind.Assigned, "Round", 1, link, "k", Now));

    [Fact]
    public void A_notification_needs_a_dedupe_key() =>
        Assert.Throws<ArgumentException>(() => new Notification(7, NotificationKind.Assigned, "Round", 1, "/Inspections", " ", Now));
}
