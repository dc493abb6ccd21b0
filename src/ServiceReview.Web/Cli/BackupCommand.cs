using Microsoft.Data.Sqlite;
using ServiceReview.Infrastructure;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Cli;

/// <summary>
/// <c>backup --to FILE [--force]</c>: a consistent copy of the SQLite database while the app runs, made with SQLite's
/// online backup API (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>), never a file copy — a copy of
/// the file taken during a write, or without its -wal file, can be torn. The copy is written beside the target, checked
/// with <c>PRAGMA integrity_check</c>, and only then moved into place. Other providers are refused with a pointer to
/// their own tools (docs/operations.md, "Backup and restore").
/// </summary>
public sealed class BackupCommand(string to, bool force) : ICliCommand
{
    public const string Verb = "backup";

    private const int Attempts = 5;

    public string To { get; } = to;

    public bool Force { get; } = force;

    public static CliParseResult Parse(IReadOnlyList<string> options)
    {
        var force = options.Count(o => o == "--force");
        var (values, error) = CliDispatcher.ReadOptions([.. options.Where(o => o != "--force")], "to");
        if (error is not null)
        {
            return CliParseResult.Invalid(error);
        }

        if (force > 1)
        {
            return CliParseResult.Invalid("Option '--force' is given twice.");
        }

        return values.TryGetValue("to", out var to) && !string.IsNullOrWhiteSpace(to)
            ? CliParseResult.For(new BackupCommand(to, force == 1))
            : CliParseResult.Invalid("backup needs --to FILE.");
    }

    public async Task<int> RunAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var provider = DependencyInjection.ReadProvider(configuration);
        if (provider != DatabaseProvider.Sqlite)
        {
            await console.Error.WriteLineAsync(provider == DatabaseProvider.PostgreSql
                ? "backup copies the embedded SQLite database only. For PostgreSQL use its own tools: pg_dump -Fc (and pg_restore); see docs/operations.md."
                : "backup copies the embedded SQLite database only. For SQL Server use BACKUP DATABASE ... TO DISK (and RESTORE DATABASE); see docs/operations.md.");
            return CliExitCodes.Failure;
        }

        var source = new SqliteConnectionStringBuilder(
            configuration.GetConnectionString(DependencyInjection.ConnectionStringName) ?? DependencyInjection.DefaultSqliteConnectionString)
        {
            // Never create an empty database where the real one was expected.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var target = Path.GetFullPath(To);
        if (string.Equals(target, Path.GetFullPath(source.DataSource), StringComparison.Ordinal))
        {
            await console.Error.WriteLineAsync("The backup file cannot be the database itself.");
            return CliExitCodes.Failure;
        }

        if (!File.Exists(source.DataSource))
        {
            await console.Error.WriteLineAsync($"There is no database at {source.DataSource}.");
            return CliExitCodes.Failure;
        }

        if (File.Exists(target) && !Force)
        {
            await console.Error.WriteLineAsync($"{target} exists already: choose another name, or add --force to replace it.");
            return CliExitCodes.Failure;
        }

        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
        {
            await console.Error.WriteLineAsync($"The folder {folder} does not exist.");
            return CliExitCodes.Failure;
        }

        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await CopyAsync(source.ToString(), partial, cancellationToken);
            var check = await IntegrityCheckAsync(partial, cancellationToken);
            if (check != "ok")
            {
                await console.Error.WriteLineAsync($"The copy failed its integrity check ({check}); nothing was written to {target}.");
                return CliExitCodes.Failure;
            }

            File.Move(partial, target, overwrite: Force);
        }
        finally
        {
            File.Delete(partial);
        }

        await console.Out.WriteLineAsync($"Backed up {source.DataSource} to {target} ({new FileInfo(target).Length:N0} bytes, integrity ok).");
        return CliExitCodes.Success;
    }

    private static async Task CopyAsync(string sourceConnectionString, string partial, CancellationToken cancellationToken)
    {
        var destination = new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var from = new SqliteConnection(sourceConnectionString);
                await using var into = new SqliteConnection(destination);
                await from.OpenAsync(cancellationToken);
                await into.OpenAsync(cancellationToken);
                // One step over every page, under a read transaction: a snapshot of one committed state. In WAL mode
                // (the app's) writers go on meanwhile; in rollback-journal mode a writer can make it busy: retried.
                from.BackupDatabase(into);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < Attempts)
            {
                await Task.Delay(200 * attempt, cancellationToken);
            }
        }
    }

    private static async Task<string> IntegrityCheckAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }
}
