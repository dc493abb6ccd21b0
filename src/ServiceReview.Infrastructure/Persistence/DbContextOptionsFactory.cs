using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// One place that turns (provider, connection string) into options: used by the app, the tests and the EF tools.
/// SQL Server and PostgreSQL retry transient failures (a dropped connection, a failover, a deadlock victim) with EF's
/// retrying execution strategy; so every explicit transaction must run inside
/// <c>db.Database.CreateExecutionStrategy().ExecuteAsync(...)</c>, or EF refuses it (ADR 0028).
/// </summary>
public static class DbContextOptionsFactory
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolderExists(connectionString);
                builder.UseSqlite(connectionString);
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o => o.EnableRetryOnFailure());
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connectionString, o => o.EnableRetryOnFailure());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }

        return builder;
    }

    /// <summary>
    /// Makes EF Core throw instead of logging a warning for a query that loads several collections in one SQL statement
    /// (<see cref="RelationalEventId.MultipleCollectionIncludeWarning"/>): the tests run with this, so every such query
    /// must say <c>AsSplitQuery()</c> or project what it needs.
    /// </summary>
    public static DbContextOptionsBuilder ThrowOnQueryWarnings(DbContextOptionsBuilder builder) =>
        builder.ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning));

    private static void EnsureSqliteFolderExists(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
