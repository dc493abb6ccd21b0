using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Web.Cli;

namespace ServiceReview.Web.Tests.Cli;

/// <summary><c>backup --to FILE</c>: the SQLite online backup of a database that is being written to.</summary>
public sealed class The_backup_command : IDisposable
{
    private const int RowsPerTransaction = 50;

    private readonly string _folder = Directory.CreateTempSubdirectory("sr-backup-").FullName;

    private string Database => Path.Combine(_folder, "live.db");

    private string Connection => new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Copies_a_database_that_another_connection_keeps_writing_to_into_a_file_that_passes_the_integrity_check()
    {
        await CreateAsync();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => WriteUntilAsync(stop.Token));
        await WaitForRowsAsync(2_000);
        var target = Path.Combine(_folder, "copy.db");
        var console = Console();

        var exitCode = await new BackupCommand(target, force: false).RunAsync(Services("Sqlite", Connection), console);
        var rowsAtBackupEnd = await CountAsync(Database);
        await stop.CancelAsync();
        var written = await writer;

        Assert.Equal(CliExitCodes.Success, exitCode);
        Assert.True(written > 0);
        Assert.Equal("ok", await ScalarAsync(target, "PRAGMA integrity_check"));
        var copied = await CountAsync(target);
        Assert.InRange(copied, 2_000, rowsAtBackupEnd);
        // A consistent snapshot: only whole transactions, never a part of one.
        Assert.Equal(0, copied % RowsPerTransaction);
        Assert.Equal(copied, long.Parse(await ScalarAsync(target, "SELECT max(id) FROM note"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(Directory.GetFiles(_folder, "copy.db.partial*"));
        Assert.Contains("integrity ok", console.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_replace_an_existing_file_unless_forced()
    {
        await CreateAsync();
        await InsertAsync(RowsPerTransaction);
        var target = Path.Combine(_folder, "copy.db");
        await File.WriteAllTextAsync(target, "keep me");
        var console = Console();

        var refused = await new BackupCommand(target, force: false).RunAsync(Services("Sqlite", Connection), console);

        Assert.Equal(CliExitCodes.Failure, refused);
        Assert.Contains("--force", console.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));

        var forced = await new BackupCommand(target, force: true).RunAsync(Services("Sqlite", Connection), Console());

        Assert.Equal(CliExitCodes.Success, forced);
        Assert.Equal(RowsPerTransaction, await CountAsync(target));
    }

    [Theory]
    [InlineData("PostgreSql", "Host=localhost;Database=sr", "pg_dump")]
    [InlineData("SqlServer", "Server=localhost;Database=sr", "BACKUP DATABASE")]
    public async Task Points_other_providers_at_their_own_tools(string provider, string connection, string tool)
    {
        var target = Path.Combine(_folder, "copy.db");
        var console = Console();

        var exitCode = await new BackupCommand(target, force: false).RunAsync(Services(provider, connection), console);

        Assert.Equal(CliExitCodes.Failure, exitCode);
        Assert.Contains(tool, console.Error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Refuses_when_there_is_no_database_and_creates_none()
    {
        var console = Console();

        var exitCode = await new BackupCommand(Path.Combine(_folder, "copy.db"), force: false).RunAsync(Services("Sqlite", Connection), console);

        Assert.Equal(CliExitCodes.Failure, exitCode);
        Assert.False(File.Exists(Database));
        Assert.False(File.Exists(Path.Combine(_folder, "copy.db")));
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("backup", "--to")]
    [InlineData("backup", "copy.db")]
    [InlineData("backup", "--to", "a.db", "--to", "b.db")]
    [InlineData("backup", "--to", "a.db", "--force", "--force")]
    [InlineData("backup", "--into", "a.db")]
    public void Rejects_bad_arguments(params string[] args) => Assert.True(CliDispatcher.Parse(args).IsError);

    [Fact]
    public void Reads_the_target_and_force()
    {
        var command = Assert.IsType<BackupCommand>(CliDispatcher.Parse(["backup", "--force", "--to", "x.db"]).Command);

        Assert.Equal(("x.db", true), (command.To, command.Force));
        Assert.False(Assert.IsType<BackupCommand>(CliDispatcher.Parse(["backup", "--to=x.db"]).Command).Force);
    }

    private async Task CreateAsync()
    {
        await using var connection = new SqliteConnection(Connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);";
        await command.ExecuteNonQueryAsync();
    }

    private async Task InsertAsync(int rows)
    {
        await using var connection = new SqliteConnection(Connection);
        await connection.OpenAsync();
        await InsertAsync(connection, rows);
    }

    private static async Task InsertAsync(SqliteConnection connection, int rows)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO note (text) VALUES ($text)";
        var text = command.Parameters.Add("$text", SqliteType.Text);
        for (var i = 0; i < rows; i++)
        {
            text.Value = new string('x', 200) + i;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Inserts rows, a fixed number per transaction, until cancelled; returns the number of transactions.</summary>
    private async Task<int> WriteUntilAsync(CancellationToken stop)
    {
        await using var connection = new SqliteConnection(Connection);
        await connection.OpenAsync(CancellationToken.None);
        var transactions = 0;
        while (!stop.IsCancellationRequested)
        {
            await InsertAsync(connection, RowsPerTransaction);
            transactions++;
        }

        return transactions;
    }

    private async Task WaitForRowsAsync(long rows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountAsync(Database) < rows)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer did not get going");
            await Task.Delay(20);
        }
    }

    private static async Task<long> CountAsync(string path) =>
        long.Parse(await ScalarAsync(path, "SELECT count(*) FROM note"), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static CliConsole Console() => new(new StringReader(""), new StringWriter(), new StringWriter(), InputIsInteractive: false);

    private static ServiceProvider Services(string provider, string connection) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:ServiceReview"] = connection,
            }).Build())
            .BuildServiceProvider();
}
