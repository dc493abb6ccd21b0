using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.Email;

/// <summary>
/// The outbox claim on every provider a machine can start (SQLite always, PostgreSQL when installed and always in CI):
/// dispatchers running at once send each e-mail once, and a claim left by a crashed instance lapses.
/// </summary>
public abstract class OutboxClaimContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    private readonly RecordingSender _sender = new();

    [SkippableFact]
    public async Task Four_dispatchers_at_once_send_each_email_exactly_once()
    {
        await GivenOutboxDatabaseAsync();
        var ids = await QueueAsync(60);

        var claimed = 0;
        for (var pass = 0; pass < 30 && await PendingAsync() > 0; pass++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(DispatchAsync)));
            claimed += results.Sum(r => r.Claimed);
        }

        Assert.Equal(ids.Order(), _sender.Sent.Select(m => int.Parse(m.Subject, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(ids.Count, claimed);
        await using var db = NewContext();
        Assert.All(await db.OutgoingEmails.ToListAsync(), e => Assert.Equal(OutgoingEmailStatus.Sent, e.Status));
    }

    [SkippableFact]
    public async Task A_claim_left_by_a_crashed_instance_lapses_and_the_email_is_sent_then_but_not_before()
    {
        await GivenOutboxDatabaseAsync();
        var ids = await QueueAsync(2);
        await using (var db = NewContext())
        {
            var now = DateTime.UtcNow;
            await db.OutgoingEmails.Where(e => e.Id == ids[0])
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, "crashed").SetProperty(e => e.ClaimedUntil, now.AddMinutes(-1)));
            await db.OutgoingEmails.Where(e => e.Id == ids[1])
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, "still-working").SetProperty(e => e.ClaimedUntil, now.AddMinutes(10)));
        }

        var result = await DispatchAsync();

        Assert.Equal(1, result.Sent);
        Assert.Equal([ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)], _sender.Sent.Select(m => m.Subject));
    }

    private Task GivenOutboxDatabaseAsync() => GivenMigratedDatabaseAsync(
        settings: new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "smtp.invalid",
            ["Email:From:Address"] = "noreply@example.test",
            ["Email:PublicBaseUrl"] = "https://review.example.test/",
            ["Email:Dispatch:BatchSize"] = "5",
        },
        configure: services => services.AddSingleton<IEmailSender>(_sender));

    private async Task<List<int>> QueueAsync(int count)
    {
        await using var db = NewContext();
        var emails = Enumerable.Range(0, count)
            .Select(i => new OutgoingEmail($"person{i}@example.test", $"Person {i}", "Test", "pending", "text", "<p>html</p>", DateTime.UtcNow.AddSeconds(-1)))
            .ToList();
        db.OutgoingEmails.AddRange(emails);
        await db.SaveChangesAsync();

        // The subject carries the id, so the test sees which row each message came from.
        foreach (var email in emails)
        {
            await db.OutgoingEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Subject, email.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return emails.Select(e => e.Id).ToList();
    }

    private async Task<int> PendingAsync()
    {
        await using var db = NewContext();
        return await db.OutgoingEmails.CountAsync(e => e.Status == OutgoingEmailStatus.Pending);
    }

    private async Task<DispatchResult> DispatchAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailDispatcher>().DispatchAsync();
    }

    /// <summary>Records what it is asked to send; a short pause per message makes the dispatchers overlap.</summary>
    private sealed class RecordingSender : IEmailSender
    {
        private readonly ConcurrentQueue<EmailMessage> _sent = new();

        public IReadOnlyCollection<EmailMessage> Sent => _sent.ToArray();

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            await Task.Delay(5, cancellationToken);
            _sent.Enqueue(message);
        }
    }
}

public sealed class SqliteOutboxClaimTests() : OutboxClaimContractTests(ProviderDatabase.Sqlite());

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlOutboxClaimTests(PostgreSqlServer server) : OutboxClaimContractTests(ProviderDatabase.PostgreSql(server, "outbox"));
