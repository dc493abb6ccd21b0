using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Email;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Settings on top of the Testing ones (e-mail on, for the e-mail tests), and outbox helpers.</summary>
public sealed partial class ServiceReviewWebFactory
{
    private IReadOnlyDictionary<string, string?> _extraSettings = new Dictionary<string, string?>();

    /// <summary>A factory whose app also reads these settings (e.g. <c>Email:Smtp:Host</c>).</summary>
    public static ServiceReviewWebFactory WithSettings(IReadOnlyDictionary<string, string?> settings) =>
        new() { _extraSettings = settings };

    /// <summary>Runs the outbox dispatcher once, as the background service would.</summary>
    public Task<DispatchResult> DispatchEmailAsync() =>
        WithServiceAsync<EmailDispatcher, DispatchResult>(d => d.DispatchAsync());

    /// <summary>The outbox rows addressed to this address, oldest first.</summary>
    public Task<List<OutgoingEmail>> OutboxForAsync(string address) =>
        WithDbAsync(db => db.OutgoingEmails.AsNoTracking().Where(e => e.ToAddress == address).OrderBy(e => e.Id).ToListAsync());

    private void ApplyExtraSettings(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _extraSettings)
        {
            builder.UseSetting(key, value);
        }
    }
}
