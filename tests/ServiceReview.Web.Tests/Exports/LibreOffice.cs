using System.Diagnostics;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>
/// The real LibreOffice (libreoffice-calc-nogui from apt) converting an .xlsx into UTF-8 CSVs of the displayed values,
/// one per sheet, as a user's spreadsheet program would read the file. Each run has a private profile so parallel runs
/// do not clash. Tests are skipped when it is not installed, except when <c>CI=true</c>: then they fail.
/// </summary>
public static class LibreOffice
{
    public const string NotInstalledMessage = "LibreOffice is not installed: apt-get install libreoffice-calc-nogui (CI installs it)";

    private const string CsvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

    private static readonly Lazy<string?> ProgramOnce = new(() =>
        new[] { "libreoffice", "soffice" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists));

    public static string? Program => ProgramOnce.Value;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => Program is not null || IsCi ? null : NotInstalledMessage;

    /// <summary>Converts the workbook; returns each sheet's CSV text by sheet name (a one-sheet workbook gives one, named "").</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ToCsvAsync(byte[] xlsx)
    {
        var program = Program ?? throw new InvalidOperationException(NotInstalledMessage);
        var dir = Directory.CreateTempSubdirectory("servicereview-lo-");
        var profile = Path.Combine(Path.GetTempPath(), "lo-profile-" + Guid.NewGuid().ToString("N"));
        try
        {
            var input = Path.Combine(dir.FullName, "book.xlsx");
            await File.WriteAllBytesAsync(input, xlsx);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", CsvFilter, "--outdir", dir.FullName, input })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var csvs = Directory.GetFiles(dir.FullName, "*.csv");
            Assert.True(csvs.Length > 0, $"LibreOffice wrote no CSV (exit {process.ExitCode}): {await stdout} {await stderr}");
            return csvs.ToDictionary(
                path =>
                {
                    var name = Path.GetFileNameWithoutExtension(path);
                    return name.StartsWith("book-", StringComparison.Ordinal) ? name["book-".Length..] : "";
                },
                path => File.ReadAllText(path),
                StringComparer.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Parses one CSV (comma, double quotes) into rows of fields.</summary>
    public static IReadOnlyList<string[]> Rows(string csv)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}

/// <summary>A fact that needs LibreOffice: skipped without it, except in CI, where it fails.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (LibreOffice.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
