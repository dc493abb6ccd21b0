using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Tests.Fixtures;

/// <summary>
/// Where a contract test gets its empty databases from: a SQLite file of its own, or a fresh database on the
/// collection's PostgreSQL server (the test is skipped where PostgreSQL is unavailable). Removed with the test class.
/// </summary>
public abstract class ProviderDatabase : IDisposable
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>A connection string to a fresh, empty database.</summary>
    public abstract Task<string> CreateEmptyAsync();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    public static ProviderDatabase Sqlite() => new SqliteProviderDatabase();

    /// <param name="server">The PostgreSQL collection's server.</param>
    /// <param name="name">A readable prefix for the databases created.</param>
    public static ProviderDatabase PostgreSql(PostgreSqlServer server, string name) => new PostgreSqlProviderDatabase(server, name);

    private sealed class SqliteProviderDatabase : ProviderDatabase
    {
        private readonly List<SqliteDatabase> _files = [];

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override Task<string> CreateEmptyAsync()
        {
            var file = new SqliteDatabase();
            _files.Add(file);
            return Task.FromResult(file.ConnectionString);
        }

        protected override void Dispose(bool disposing)
        {
            foreach (var file in _files)
            {
                file.Dispose();
            }
        }
    }

    private sealed class PostgreSqlProviderDatabase(PostgreSqlServer server, string name) : ProviderDatabase
    {
        public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        public override Task<string> CreateEmptyAsync()
        {
            Skip.If(PostgreSqlEnvironment.SkipReason is not null, PostgreSqlEnvironment.SkipReason);
            return server.CreateDatabaseAsync(name);
        }

        // The server drops its databases when the collection ends.
        protected override void Dispose(bool disposing)
        {
        }
    }
}
