using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServiceReview.Infrastructure.Persistence;

// Used only by `dotnet ef` (migrations add / script / has-pending-model-changes). The connection strings are
// placeholders: generating migrations and scripts does not connect. Override with SERVICEREVIEW_DESIGN_CONNECTION.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteServiceReviewDbContext>
{
    public SqliteServiceReviewDbContext CreateDbContext(string[] args) =>
        new(Options<SqliteServiceReviewDbContext>(DatabaseProvider.Sqlite, "Data Source=design-time.db"));

    internal static DbContextOptions<T> Options<T>(DatabaseProvider provider, string placeholder)
        where T : DbContext
    {
        var connection = Environment.GetEnvironmentVariable("SERVICEREVIEW_DESIGN_CONNECTION") ?? placeholder;
        var builder = new DbContextOptionsBuilder<T>();
        DbContextOptionsFactory.Configure(builder, provider, connection);
        return builder.Options;
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerServiceReviewDbContext>
{
    public SqlServerServiceReviewDbContext CreateDbContext(string[] args) =>
        new(SqliteDesignTimeFactory.Options<SqlServerServiceReviewDbContext>(
            DatabaseProvider.SqlServer, "Server=localhost;Database=ServiceReview;Trusted_Connection=True;TrustServerCertificate=True"));
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlServiceReviewDbContext>
{
    public PostgreSqlServiceReviewDbContext CreateDbContext(string[] args) =>
        new(SqliteDesignTimeFactory.Options<PostgreSqlServiceReviewDbContext>(
            DatabaseProvider.PostgreSql, "Host=localhost;Database=servicereview;Username=postgres"));
}
