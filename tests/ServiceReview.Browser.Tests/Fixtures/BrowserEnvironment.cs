namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>Whether Debian's Chromium is here; without it the browser tests skip, except in CI where they fail.</summary>
public static class BrowserEnvironment
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string NotInstalledMessage = "Chromium is not installed: apt-get install chromium fonts-wqy-microhei (CI installs it)";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => File.Exists(ChromiumPath) || IsCi ? null : NotInstalledMessage;
}
