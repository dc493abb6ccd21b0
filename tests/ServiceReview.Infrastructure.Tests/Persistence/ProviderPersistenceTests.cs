using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.Persistence;

/// <summary>The persistence contract on SQLite, the embedded default.</summary>
public sealed class SqlitePersistenceTests() : PersistenceContractTests(ProviderDatabase.Sqlite());

/// <summary>The persistence contract on a real PostgreSQL server started for the tests.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPersistenceTests(PostgreSqlServer server)
    : PersistenceContractTests(ProviderDatabase.PostgreSql(server, "persistence"));
