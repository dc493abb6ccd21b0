using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Tests.Fixtures;

/// <summary>
/// A SQLite database in a temp file of its own, deleted (with its -wal/-shm files) on dispose.
/// Use one per test (<c>using var db = new SqliteDatabase();</c>) or as a class fixture.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    public SqliteDatabase()
    {
        FilePath = Path.Combine(Path.GetTempPath(), $"servicereview-test-{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ConnectionString;
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Options configured the way the app configures them (<see cref="DbContextOptionsFactory"/>).</summary>
    public DbContextOptions<SqliteServiceReviewDbContext> CreateOptions()
    {
        var builder = new DbContextOptionsBuilder<SqliteServiceReviewDbContext>();
        DbContextOptionsFactory.Configure(builder, DatabaseProvider.Sqlite, ConnectionString);
        return builder.Options;
    }

    public SqliteServiceReviewDbContext CreateDbContext() => new(CreateOptions());

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { FilePath, FilePath + "-wal", FilePath + "-shm", FilePath + "-journal" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
    }
}
