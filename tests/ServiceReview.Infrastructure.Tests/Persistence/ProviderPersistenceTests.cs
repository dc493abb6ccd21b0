using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.Persistence;

/// <summary>The persistence contract on SQLite, the embedded default.</summary>
public sealed class SqlitePersistenceTests : PersistenceContractTests, IDisposable
{
    private readonly SqliteDatabase _database = new();

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateEmptyDatabaseAsync() => Task.FromResult(_database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

/// <summary>The persistence contract on a real PostgreSQL server started for the tests.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPersistenceTests(PostgreSqlServer server) : PersistenceContractTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override Task<string> CreateEmptyDatabaseAsync()
    {
        Skip.If(PostgreSqlEnvironment.SkipReason is not null, PostgreSqlEnvironment.SkipReason);
        return server.CreateDatabaseAsync("persistence");
    }
}
