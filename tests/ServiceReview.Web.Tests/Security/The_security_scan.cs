using System.Diagnostics;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// CI runs the upload part of scripts/security-scan.sh (issue #12, item 14): every hostile file to every upload
/// endpoint of a freshly started app, no 5xx, no dropped connection, peak memory growth within 256 MiB. The hostile
/// files come from scripts/make-upload-bombs.py (docs/security.md, "Scan").
/// </summary>
public sealed class The_security_scan
{
    [SecurityScanFact]
    public async Task Upload_part_finds_nothing()
    {
        var root = SecurityScanFactAttribute.Root!;
        var app = Path.Combine(root, "src", "ServiceReview.Web", "bin", "Release", "net10.0", "ServiceReview.Web");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "security-scan.sh"));
        start.ArgumentList.Add("--uploads-only");
        if (File.Exists(app))
        {
            start.ArgumentList.Add("--no-build"); // CI built the solution in Release just before
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("scripts/security-scan.sh --uploads-only took more than 20 minutes.\n" + await output);
        }

        Assert.True(process.ExitCode == 0, $"scripts/security-scan.sh --uploads-only exited {process.ExitCode}:\n{await output}\n{await errors}");
    }
}

/// <summary>
/// Skips the scan outside CI when bash, python3 or curl is missing
/// (with CI=true a missing program fails the test instead).
/// </summary>
public sealed class SecurityScanFactAttribute : FactAttribute
{
    public SecurityScanFactAttribute()
    {
        if (Root is null)
        {
            Skip = "The repository root (ServiceReview.sln) was not found above the test's folder.";
        }
        else if (!OperatingSystem.IsLinux() && !IsCi)
        {
            Skip = "The security scan reads /proc: Linux only.";
        }
        else if (!IsCi && new[] { "bash", "python3", "curl" }.FirstOrDefault(p => !OnPath(p)) is { } missing)
        {
            Skip = $"{missing} is not installed: apt-get install {missing} (CI has it)";
        }
    }

    public static string? Root { get; } = FindRoot();

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServiceReview.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
