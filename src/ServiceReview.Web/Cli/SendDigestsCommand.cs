using System.Globalization;
using ServiceReview.Web.Features.Notifications;

namespace ServiceReview.Web.Cli;

/// <summary>
/// <c>send-digests</c>: queues the weekly digest e-mails due this week in the outbox (the running app's dispatcher sends
/// them), for deployments that schedule it instead of the background job; running it twice in a week queues nothing new.
/// </summary>
public sealed class SendDigestsCommand : ICliCommand
{
    public const string Verb = "send-digests";

    public async Task<int> RunAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default)
    {
        var queued = await services.GetRequiredService<WeeklyDigestJob>().RunAsync(cancellationToken);
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Weekly digests queued: {queued}."));
        return CliExitCodes.Success;
    }
}
