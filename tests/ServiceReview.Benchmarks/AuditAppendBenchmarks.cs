using BenchmarkDotNet.Attributes;
using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Benchmarks;

/// <summary>
/// What the audit log's hash chain (ADR 0020) adds to a write such as an autosave: the same small change saved with
/// an audit entry (read the chain's end by its unique index, hash, insert) and without one, on a SQLite file database
/// whose log already holds 100,000 linked entries.
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private ImportDatabase _database = null!;
    private int _counter;

    [GlobalSetup]
    public async Task Setup()
    {
        _database = await ServiceRecordsFixture.CreateImportDatabaseAsync();
        await using var db = new SqliteServiceReviewDbContext(_database.Options);
        for (var batch = 0; batch < 100; batch++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                db.Audit(Actor.System, DateTime.UtcNow, "Inspection", i, "DraftSaved", null, "{\"1.1\":{\"value\":96}}");
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    /// <summary>A change with no audit entry: the baseline write.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> SaveWithoutAuditEntry()
    {
        await using var db = new SqliteServiceReviewDbContext(_database.Options);
        db.OutgoingEmails.Add(new Core.Notifications.OutgoingEmail("bench@example.test", "Bench", "Test", $"bench-{_counter++}", "text", "<p>html</p>", DateTime.UtcNow));
        return await db.SaveChangesAsync();
    }

    /// <summary>The same change with one audit entry linked into the chain.</summary>
    [Benchmark]
    public async Task<int> SaveWithLinkedAuditEntry()
    {
        await using var db = new SqliteServiceReviewDbContext(_database.Options);
        db.OutgoingEmails.Add(new Core.Notifications.OutgoingEmail("bench@example.test", "Bench", "Test", $"bench-{_counter++}", "text", "<p>html</p>", DateTime.UtcNow));
        db.Audit(Actor.System, DateTime.UtcNow, "Inspection", _counter, "DraftSaved", null, "{\"1.1\":{\"value\":96}}");
        return await db.SaveChangesAsync();
    }
}
