namespace ServiceReview.Infrastructure.Tests.Fixtures;

/// <summary>
/// Decides where the PostgreSQL tests get their server from, and whether they run at all:
/// <list type="number">
/// <item><c>SERVICEREVIEW_TEST_POSTGRES</c> (a connection string to a running server) wins when set;</item>
/// <item>else <c>initdb</c>/<c>pg_ctl</c> from PATH or /usr/lib/postgresql/*/bin start a throwaway cluster;</item>
/// <item>else the tests are skipped, except when <c>CI=true</c>: then they run and fail with a clear message.</item>
/// </list>
/// </summary>
public static class PostgreSqlEnvironment
{
    public const string ExternalServerVariable = "SERVICEREVIEW_TEST_POSTGRES";

    public const string NotInstalledMessage = "PostgreSQL is not installed: apt-get install postgresql (CI installs it)";

    private static readonly Lazy<string?> BinDirectoryOnce = new(() => FindBinDirectory(
        Environment.GetEnvironmentVariable("PATH"), "/usr/lib/postgresql"));

    /// <summary>The folder that holds both <c>initdb</c> and <c>pg_ctl</c>, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory => BinDirectoryOnce.Value;

    /// <summary>The connection string of an already-running server to use instead of starting one, or null.</summary>
    public static string? ExternalConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(ExternalServerVariable);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped here, or null when they run.</summary>
    public static string? SkipReason => SkipReasonFor(ExternalConnectionString is not null, BinDirectory is not null, IsCi);

    public static string? SkipReasonFor(bool hasExternalServer, bool hasBinaries, bool isCi) =>
        hasExternalServer || hasBinaries || isCi ? null : NotInstalledMessage;

    /// <summary>First folder of PATH that has initdb and pg_ctl; else the newest /usr/lib/postgresql/N/bin that has them.</summary>
    public static string? FindBinDirectory(string? path, string versionsRoot)
    {
        foreach (var folder in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServerPrograms(folder))
            {
                return folder;
            }
        }

        if (!Directory.Exists(versionsRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versionsRoot)
            .Select(version => (Version: ParseMajor(Path.GetFileName(version)), Bin: Path.Combine(version, "bin")))
            .Where(candidate => HasServerPrograms(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    private static bool HasServerPrograms(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));

    private static double ParseMajor(string name) =>
        double.TryParse(name, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : -1;
}
