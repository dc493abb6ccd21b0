
namespace ServiceReview.Web.Features.Notifications;

public sealed class NotificationsIndexViewModel
{
    public required NotificationPage Page { get; init; }

    /// <summary>False for an account with no person: it can receive nothing.</summary>
    public bool HasPerson { get; init; } = true;
}
