using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Audit;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.Audit;

/// <summary>
/// The audit log's hash chain on every provider a machine can start: entries are linked as they are saved, an entry
/// edited or removed in the database is found, and instances appending at once never fork the chain.
/// </summary>
public abstract class AuditChainContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    [SkippableFact]
    public async Task Saved_entries_form_an_unbroken_chain_that_verifies()
    {
        await GivenMigratedDatabaseAsync();
        await AppendAsync("first", 3);
        await AppendAsync("second", 2);

        await using var db = NewContext();
        var entries = await db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Sequence!.Value));
        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));

        var result = await VerifyAsync();
        Assert.True(result.Intact);
        Assert.Equal(5, result.Checked);
        Assert.Equal(entries[^1].Hash, result.HeadHash);
    }

    [SkippableFact]
    public async Task An_entry_edited_in_the_database_is_named_as_the_first_broken_link()
    {
        await GivenMigratedDatabaseAsync();
        await AppendAsync("journey", 5);
        await using (var db = NewContext())
        {
            await db.AuditLog.Where(a => a.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(a => a.NewValue, "100.0"));
        }

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBreak!.Sequence);
        Assert.Equal(AuditChainBreakKind.Altered, result.FirstBreak.Kind);
        Assert.Equal(2, result.Checked);
    }

    [SkippableFact]
    public async Task A_removed_entry_and_an_entry_inserted_around_the_application_are_found()
    {
        await GivenMigratedDatabaseAsync();
        await AppendAsync("journey", 4);
        await using (var db = NewContext())
        {
            await db.AuditLog.Where(a => a.Sequence == 2).ExecuteDeleteAsync();
        }

        var removed = await VerifyAsync();
        Assert.Equal(AuditChainBreakKind.Missing, removed.FirstBreak!.Kind);
        Assert.Equal(3, removed.FirstBreak.Sequence);

        await using (var db = NewContext())
        {
            await db.AuditLog.Where(a => a.Sequence == 3 || a.Sequence == 4).ExecuteDeleteAsync();
            var id = (await db.AuditLog.SingleAsync()).Id;

            // A row written with SQL (no sequence) after the chain began is tampering, not a legacy entry.
            await db.Database.ExecuteSqlRawAsync(
                Provider == DatabaseProvider.PostgreSql
                    ? "INSERT INTO \"AuditLog\" (\"At\", \"ActorName\", \"EntityType\", \"EntityId\", \"Action\") VALUES (now(), 'x', 'Inspection', '9', 'Confirmed')"
                    : "INSERT INTO AuditLog (At, ActorName, EntityType, EntityId, Action) VALUES ('2026-12-04 10:00:00', 'x', 'Inspection', '9', 'Confirmed')");
            Assert.True(id > 0);
        }

        var inserted = await VerifyAsync();
        Assert.Equal(AuditChainBreakKind.NotLinked, inserted.FirstBreak!.Kind);
        Assert.Equal(0, await LinkLegacyAsync());
    }

    [SkippableFact]
    public async Task Entries_written_before_the_chain_are_linked_once_in_their_order()
    {
        await GivenMigratedDatabaseAsync();
        await using (var db = NewContext())
        {
            for (var i = 0; i < 3; i++)
            {
                await db.Database.ExecuteSqlRawAsync(
                    Provider == DatabaseProvider.PostgreSql
                        ? $"INSERT INTO \"AuditLog\" (\"At\", \"ActorName\", \"EntityType\", \"EntityId\", \"Action\") VALUES (now(), 'legacy', 'Round', '{i}', 'Opened')"
                        : $"INSERT INTO AuditLog (At, ActorName, EntityType, EntityId, Action) VALUES ('2026-11-0{i + 1} 10:00:00.1234567', 'legacy', 'Round', '{i}', 'Opened')");
            }
        }

        Assert.Equal(3, await LinkLegacyAsync());
        Assert.Equal(0, await LinkLegacyAsync());
        await AppendAsync("after", 2);

        var result = await VerifyAsync();
        Assert.True(result.Intact, result.FirstBreak?.ToString());
        Assert.Equal(5, result.Checked);
        await using var check = NewContext();
        var legacy = await check.AuditLog.AsNoTracking().Where(a => a.ActorName == "legacy").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([1L, 2, 3], legacy.Select(e => e.Sequence!.Value));
    }

    [SkippableFact]
    public async Task Four_writers_appending_at_once_never_fork_the_chain()
    {
        await GivenMigratedDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await AppendAsync($"writer{writer}", 2);
            }
        })));

        await using var db = NewContext();
        var sequences = await db.AuditLog.AsNoTracking().Select(a => a.Sequence).ToListAsync();
        Assert.Equal(120, sequences.Count);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long?)i), sequences.Order());
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.FirstBreak?.ToString());
    }

    private async Task AppendAsync(string actor, int count)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.Audit(new Actor(null, actor, null), DateTime.UtcNow, "Inspection", i, "ScoreChanged", "1.0", $"{i}.5");
        }

        await db.SaveChangesAsync();
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainStore>().VerifyAsync();
    }

    private async Task<int> LinkLegacyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainStore>().LinkEntriesBeforeTheChainAsync();
    }
}

public sealed class SqliteAuditChainTests() : AuditChainContractTests(ProviderDatabase.Sqlite());

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlAuditChainTests(PostgreSqlServer server) : AuditChainContractTests(ProviderDatabase.PostgreSql(server, "audit"));
