using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace ServiceReview.Infrastructure.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL server for the tests of the "PostgreSQL" collection. Starts a throwaway cluster (temp data folder,
/// 127.0.0.1 on a free port, fsync off, trust auth; as user <c>postgres</c> when running as root) and removes it on dispose;
/// or uses the server named by <c>SERVICEREVIEW_TEST_POSTGRES</c>. Mark tests with <see cref="PostgreSqlFactAttribute"/>.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _createdDatabases = [];
    private string? _connectionString;
    private string? _binDirectory;
    private string? _root;
    private bool _started;

    /// <summary>Npgsql connection string to the <c>postgres</c> database as user <c>postgres</c>.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException(
            PostgreSqlEnvironment.SkipReason ?? "The PostgreSQL server has not been started.");

    /// <summary>True when the tests use an already-running server (<c>SERVICEREVIEW_TEST_POSTGRES</c>).</summary>
    public bool IsExternal { get; private set; }

    public async Task InitializeAsync()
    {
        var external = PostgreSqlEnvironment.ExternalConnectionString;
        if (external is not null)
        {
            IsExternal = true;
            _connectionString = external;
            await WaitUntilReadyAsync(external, TimeSpan.FromSeconds(15), logFile: null);
            return;
        }

        _binDirectory = PostgreSqlEnvironment.BinDirectory;
        if (_binDirectory is null)
        {
            if (PostgreSqlEnvironment.SkipReason is not null)
            {
                return; // every test of the collection is skipped; nothing to start.
            }

            throw new InvalidOperationException(
                $"{PostgreSqlEnvironment.NotInstalledMessage}. CI=true, so the PostgreSQL tests fail instead of being skipped: " +
                "no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin. " +
                $"Alternatively set {PostgreSqlEnvironment.ExternalServerVariable} to the connection string of a running server.");
        }

        await StartClusterAsync();
    }

    /// <summary>Creates a new, empty database and returns a connection string to it.</summary>
    /// <param name="name">A readable prefix (letters, digits, underscores); a unique suffix is added.</param>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var prefix = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        var database = $"{prefix[..Math.Min(prefix.Length, 40)]}_{Guid.NewGuid().ToString("N")[..12]}";

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{database}\"";
            await command.ExecuteNonQueryAsync();
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(database);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (IsExternal)
        {
            await DropCreatedDatabasesAsync();
            return;
        }

        if (_root is null)
        {
            return;
        }

        if (_started)
        {
            await RunAsync(PgCtl, ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], throwOnError: false);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover folder in the temp directory is not worth failing the run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string PgCtl => Path.Combine(_binDirectory!, "pg_ctl");

    private string DataDirectory => Path.Combine(_root!, "data");

    private string LogFile => Path.Combine(_root!, "server.log");

    private static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private async Task StartClusterAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), $"servicereview-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        if (IsRoot)
        {
            // postgres refuses to run as root: hand the folder to the postgres user and run the programs as it.
            await RunAsync("chown", [$"{ServiceUser}:", _root], runAsServiceUser: false);
        }

        await RunAsync(Path.Combine(_binDirectory!, "initdb"),
            ["-D", DataDirectory, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]);

        // Settings go into the data folder's own config: no quoting of pg_ctl -o options needed.
        var port = FreePort();
        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# ServiceReview test cluster")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine($"port = {port}")
            .AppendLine($"unix_socket_directories = '{_root}'")
            .AppendLine("fsync = off")
            .AppendLine("synchronous_commit = off")
            .AppendLine("full_page_writes = off")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 32MB");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings.ToString());

        await RunAsync(PgCtl, ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString()]);
        _started = true;

        _connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = ServiceUser,
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;

        await WaitUntilReadyAsync(_connectionString, StartTimeout, LogFile);
    }

    private static async Task WaitUntilReadyAsync(string connectionString, TimeSpan timeout, string? logFile)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception ex) when ((ex is NpgsqlException or SocketException or TimeoutException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL at '{connectionString}' did not answer within {timeout.TotalSeconds:0} s.{ReadLog(logFile)}", ex);
            }
        }
    }

    private async Task DropCreatedDatabasesAsync()
    {
        if (_createdDatabases.Count == 0 || _connectionString is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        foreach (var database in _createdDatabases)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool runAsServiceUser = true, bool throwOnError = true)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root ?? Path.GetTempPath(),
        };

        if (runAsServiceUser && IsRoot)
        {
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(ServiceUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(program);
        }
        else
        {
            startInfo.FileName = program;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Keep the child's environment from pointing it at another server or locale.
        startInfo.Environment.Remove("PGDATA");
        startInfo.Environment.Remove("PGPORT");
        startInfo.Environment.Remove("PGHOST");
        startInfo.Environment["LC_ALL"] = "C";

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)} timed out.");
        }

        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException(
                $"{startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)} exited with {process.ExitCode}:\n" +
                $"{await output}\n{await error}{ReadLog(LogFilePathOrNull())}");
        }
    }

    private string? LogFilePathOrNull() => _root is null ? null : LogFile;

    private static string ReadLog(string? logFile)
    {
        if (logFile is null || !File.Exists(logFile))
        {
            return string.Empty;
        }

        try
        {
            return $"\nServer log ({logFile}):\n{File.ReadAllText(logFile)}";
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
