namespace ServiceReview.Web.Features.Notifications;

/// <summary>The person's own notification settings: only the choice is bound from the form, never whose they are.</summary>
public sealed class NotificationSettingsViewModel
{
    public bool ReceivesEmail { get; set; }

    /// <summary>Shown, not bound: the address e-mails go to.</summary>
    public string? Email { get; set; }

    /// <summary>Shown, not bound: whether the server sends e-mail at all.</summary>
    public bool EmailConfigured { get; set; }

    public bool HasPerson { get; set; } = true;

    /// <summary>The weekly digest e-mail (managers and leads only).</summary>
    public bool WeeklyDigest { get; set; }

    /// <summary>Shown, not bound: whether the person may ask for the digest (a manager or a lead).</summary>
    public bool MayHaveDigest { get; set; }

    /// <summary>Shown, not bound: the Monday of the last week a digest was sent for.</summary>
    public DateOnly? LastDigestWeek { get; set; }
}
