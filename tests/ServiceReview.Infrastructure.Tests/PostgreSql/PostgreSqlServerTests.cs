using Npgsql;
using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.PostgreSql;

/// <summary>Proves the PostgreSQL fixture: a real server answers, and each created database stands on its own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlServerTests(PostgreSqlServer server)
{
    [PostgreSqlFact]
    public async Task Server_answers_select_version()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version()", connection);

        var version = (string?)await command.ExecuteScalarAsync();

        Assert.NotNull(version);
        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
    }

    [PostgreSqlFact]
    public async Task Created_databases_are_independent()
    {
        var first = await server.CreateDatabaseAsync("fixture_first");
        var second = await server.CreateDatabaseAsync("fixture_second");
        Assert.NotEqual(
            new NpgsqlConnectionStringBuilder(first).Database,
            new NpgsqlConnectionStringBuilder(second).Database);

        await ExecuteAsync(first, "create table marker (id int primary key, note text not null)");
        await ExecuteAsync(first, "insert into marker values (1, 'only in the first database')");

        Assert.Equal(1L, await ScalarAsync(first, "select count(*) from marker"));
        Assert.Equal(0L, await ScalarAsync(second, "select count(*) from information_schema.tables where table_name = 'marker'"));

        // The same table name in the second database does not collide with the first one's.
        await ExecuteAsync(second, "create table marker (id int primary key, note text not null)");
        Assert.Equal(0L, await ScalarAsync(second, "select count(*) from marker"));
    }

    [PostgreSqlTheory]
    [InlineData("Plain")]
    [InlineData("with spaces-and-dashes")]
    public async Task Created_database_is_empty_and_reachable(string name)
    {
        var connectionString = await server.CreateDatabaseAsync(name);

        Assert.Equal(
            new NpgsqlConnectionStringBuilder(connectionString).Database,
            (string?)await ScalarAsync(connectionString, "select current_database()"));
        Assert.Equal(0L, await ScalarAsync(connectionString, "select count(*) from information_schema.tables where table_schema = 'public'"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
