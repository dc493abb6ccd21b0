using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Email;

/// <summary>What one dispatch did.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Failed)
{
    public static readonly DispatchResult None = new(0, 0, 0);
}

/// <summary>
/// Sends what is due in the outbox. Safe when several instances run it at once: a batch is claimed by one UPDATE that
/// only takes rows nobody holds (or whose claim lapsed), under a token unique to this run, and only the rows carrying
/// that token are sent; "sent" and "failed" are saved only while the claim still holds (ClaimedBy is a concurrency
/// token). A row whose instance died mid-batch is taken again when its claim lapses, so nothing is lost on restart.
/// </summary>
public sealed class EmailDispatcher(
    ServiceReviewDbContext db, IEmailSender sender, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailDispatcher> logger)
{
    /// <summary>Claims up to a batch of due e-mails and sends them one by one.</summary>
    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return DispatchResult.None;
        }

        var mine = await ClaimAsync(settings, cancellationToken);
        int sent = 0, failed = 0;
        foreach (var email in mine)
        {
            try
            {
                await sender.SendAsync(new EmailMessage(email.ToAddress, email.ToName, email.Subject, email.TextBody, email.HtmlBody), cancellationToken);
                email.MarkSent(Now);
                sent++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: the claim lapses and another run sends it.
                throw;
            }
#pragma warning disable CA1031 // Whatever the SMTP server or network throws, the e-mail is retried later or marked failed; the batch goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning("E-mail {Id} to {Address} was not sent (attempt {Attempt}): {Error}", email.Id, email.ToAddress, email.Attempts + 1, ex.Message);
                email.MarkAttemptFailed($"{ex.GetType().Name}: {ex.Message}", Now, settings.Dispatch.MaxAttempts, TimeSpan.FromSeconds(settings.Dispatch.RetryDelaySeconds));
                if (email.Status == OutgoingEmailStatus.Failed)
                {
                    failed++;
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Our claim lapsed and another dispatcher took the row: its outcome is theirs to record.
                logger.LogWarning("E-mail {Id}: the claim lapsed before its outcome was saved.", email.Id);
                db.Entry(email).State = EntityState.Detached;
            }
        }

        return new DispatchResult(mine.Count, sent, failed);
    }

    /// <summary>
    /// Deletes e-mails sent more than <c>Email:Dispatch:KeepSentDays</c> ago (they hold the message text, and the
    /// notification stays); failed and waiting ones are kept. Returns how many were deleted.
    /// </summary>
    public async Task<int> PruneSentAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.Dispatch.KeepSentDays;
        if (days == 0)
        {
            return 0;
        }

        var cutoff = Now.AddDays(-days);
        return await db.OutgoingEmails.Where(e => e.Status == OutgoingEmailStatus.Sent && e.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>How long a claim holds: long enough for a whole batch of attempts that each run to the timeout.</summary>
    public static TimeSpan LeaseFor(EmailOptions settings) =>
        TimeSpan.FromSeconds((settings.Dispatch.BatchSize * (settings.Smtp.TimeoutSeconds + 5)) + 60);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<List<OutgoingEmail>> ClaimAsync(EmailOptions settings, CancellationToken cancellationToken)
    {
        var now = Now;
        var (token, until) = Lease.Take(now, LeaseFor(settings));

        var due = await db.OutgoingEmails.AsNoTracking()
            .Where(e => e.Status == OutgoingEmailStatus.Pending && e.NextAttemptAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .Select(e => e.Id)
            .Take(settings.Dispatch.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The conditions are checked again by the UPDATE itself: of two dispatchers that read the same ids,
        // the second updates only the rows the first did not take.
        await db.OutgoingEmails
            .Where(e => due.Contains(e.Id) && e.Status == OutgoingEmailStatus.Pending && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, token).SetProperty(e => e.ClaimedUntil, until), cancellationToken);

        return await db.OutgoingEmails.Where(e => e.ClaimedBy == token).OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }
}
