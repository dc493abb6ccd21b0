using Microsoft.Data.Sqlite;
using ServiceReview.Infrastructure;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Startup;

/// <summary>
/// Makes a relative SQLite <c>Data Source</c> relative to the content root instead of the current directory,
/// so that <c>dotnet run --project src/ServiceReview.Web</c> from the repository root and a published app
/// started from its own folder use the same file (App_Data/servicereview.db next to appsettings.json).
/// </summary>
public static class SqliteConnectionString
{
    public static void ResolveSqlitePathAgainst(this IConfigurationManager configuration, string contentRootPath)
    {
        if (DependencyInjection.ReadProvider(configuration) != DatabaseProvider.Sqlite)
        {
            return;
        }

        var key = $"ConnectionStrings:{DependencyInjection.ConnectionStringName}";
        var current = configuration[key];
        var resolved = Resolve(
            string.IsNullOrWhiteSpace(current) ? DependencyInjection.DefaultSqliteConnectionString : current,
            contentRootPath);
        if (!string.Equals(resolved, current, StringComparison.Ordinal))
        {
            configuration[key] = resolved;
        }
    }

    /// <summary>Returns the connection string with its data source made absolute under <paramref name="contentRootPath"/>.</summary>
    public static string Resolve(string connectionString, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrEmpty(dataSource)
            || dataSource == ":memory:"
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || Path.IsPathRooted(dataSource))
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(Path.Combine(contentRootPath, dataSource));
        return builder.ToString();
    }
}
