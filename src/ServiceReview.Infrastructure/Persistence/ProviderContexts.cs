using Microsoft.EntityFrameworkCore;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>SQLite: the embedded default. Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteServiceReviewDbContext(DbContextOptions<SqliteServiceReviewDbContext> options)
    : ServiceReviewDbContext(options);

/// <summary>SQL Server: production. Migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerServiceReviewDbContext(DbContextOptions<SqlServerServiceReviewDbContext> options)
    : ServiceReviewDbContext(options);

/// <summary>PostgreSQL: production alternative, and the real server the tests start. Migrations in Migrations/PostgreSql.</summary>
public sealed class PostgreSqlServiceReviewDbContext(DbContextOptions<PostgreSqlServiceReviewDbContext> options)
    : ServiceReviewDbContext(options);
