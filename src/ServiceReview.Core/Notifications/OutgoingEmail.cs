using ServiceReview.Core.Common;

namespace ServiceReview.Core.Notifications;

public enum OutgoingEmailStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// One e-mail in the outbox (发件箱): written in the same transaction as the notification it tells about, then sent by
/// the dispatcher. The message is composed when it is queued, so sending needs nothing but this row. A dispatcher
/// claims a row (<see cref="ClaimedBy"/> until <see cref="ClaimedUntil"/>) before sending it, so that several instances
/// never send the same row at once; an expired claim (a crashed instance) can be taken again.
/// </summary>
public sealed class OutgoingEmail : Entity
{
    public const int AddressMaxLength = 256;
    public const int NameMaxLength = 200;
    public const int PurposeMaxLength = 50;
    public const int SubjectMaxLength = 400;
    public const int ErrorMaxLength = 1000;
    public const int ClaimMaxLength = 64;

    /// <summary>The longest wait between two attempts, however many have failed.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private OutgoingEmail()
    {
    }

    public OutgoingEmail(string toAddress, string toName, string purpose, string subject, string textBody, string htmlBody, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(toAddress) || toAddress.Length > AddressMaxLength)
        {
            throw new ArgumentException("An e-mail needs an address of at most 256 characters.", nameof(toAddress));
        }

        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new ArgumentException("An e-mail needs a subject.", nameof(subject));
        }

        ToAddress = toAddress.Trim();
        ToName = Shorten(toName ?? "", NameMaxLength);
        Purpose = Shorten(purpose, PurposeMaxLength);
        Subject = Shorten(subject, SubjectMaxLength);
        TextBody = textBody;
        HtmlBody = htmlBody;
        Status = OutgoingEmailStatus.Pending;
        CreatedAt = utcNow;
        NextAttemptAt = utcNow;
    }

    public string ToAddress { get; private set; } = "";

    /// <summary>The recipient's display name as typed by a user: it goes into the To header only through MimeKit, which encodes it.</summary>
    public string ToName { get; private set; } = "";

    /// <summary>What it is for: the <see cref="NotificationKind"/> it tells about, or "Test".</summary>
    public string Purpose { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string TextBody { get; private set; } = "";

    public string HtmlBody { get; private set; } = "";

    public OutgoingEmailStatus Status { get; private set; }

    /// <summary>Failed attempts since it was queued (or retried by an administrator).</summary>
    public int Attempts { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC: not sent before this instant (back-off after a failure).</summary>
    public DateTime NextAttemptAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The claim token of the dispatcher sending it now; null when nobody is.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>UTC: the claim lapses at this instant, so a crashed dispatcher's rows are sent by another.</summary>
    public DateTime? ClaimedUntil { get; private set; }

    /// <summary>The SMTP server accepted it.</summary>
    public void MarkSent(DateTime utcNow)
    {
        Status = OutgoingEmailStatus.Sent;
        SentAt = utcNow;
        LastAttemptAt = utcNow;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    /// <summary>
    /// An attempt failed: waits <paramref name="firstDelay"/>, doubled after each further failure (at most an hour),
    /// and gives up (<see cref="OutgoingEmailStatus.Failed"/>) after <paramref name="maxAttempts"/> attempts.
    /// </summary>
    public void MarkAttemptFailed(string error, DateTime utcNow, int maxAttempts, TimeSpan firstDelay)
    {
        Attempts++;
        LastAttemptAt = utcNow;
        LastError = Shorten(string.IsNullOrWhiteSpace(error) ? "Unknown error" : error, ErrorMaxLength);
        ClaimedBy = null;
        ClaimedUntil = null;
        if (Attempts >= Math.Max(1, maxAttempts))
        {
            Status = OutgoingEmailStatus.Failed;
            return;
        }

        NextAttemptAt = utcNow + RetryDelay(Attempts, firstDelay);
    }

    /// <summary>An administrator sends a failed e-mail again: it gets a fresh set of attempts, starting now.</summary>
    public void Retry(DateTime utcNow)
    {
        if (Status != OutgoingEmailStatus.Failed)
        {
            throw new DomainException("Email.NotFailed", "Only a failed e-mail can be sent again; this one is already queued or sent.");
        }

        Status = OutgoingEmailStatus.Pending;
        Attempts = 0;
        NextAttemptAt = utcNow;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failure: first delay × 2^(n−1), at most an hour.</summary>
    public static TimeSpan RetryDelay(int failedAttempts, TimeSpan firstDelay)
    {
        if (firstDelay <= TimeSpan.Zero || failedAttempts < 1)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 20));
        var ticks = Math.Min(firstDelay.Ticks * factor, MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];
}
