using System.Runtime.CompilerServices;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>
/// The web tests start many app hosts (and, for the two-instance test, app processes); each watches its content and
/// configuration files. With inotify those watchers count against the user's limit (128 instances on Debian by
/// default) shared with every other process, and a full run on a busy machine ran out. The tests never edit files
/// while a host runs, so they poll instead: no inotify instance at all.
/// </summary>
internal static class PollingFileWatcher
{
    [ModuleInitializer]
    internal static void UsePolling()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER")))
        {
            Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        }
    }
}
