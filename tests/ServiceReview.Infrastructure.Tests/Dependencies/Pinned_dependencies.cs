using System.Text.Json;

namespace ServiceReview.Infrastructure.Tests.Dependencies;

/// <summary>
/// Versions with a published advisory never come back through a transitive reference. The NuGet feed this project
/// restores from serves no vulnerability data (<c>dotnet list package --vulnerable</c> stays silent even for 4.7.0), so
/// the fixed versions are checked here, in what the build actually resolved (docs/security.md, "Dependencies").
/// </summary>
public sealed class Pinned_dependencies
{
    private static Version Resolved(string package)
    {
        var depsFile = Directory.GetFiles(AppContext.BaseDirectory, "*.deps.json").Single(f => f.EndsWith("ServiceReview.Infrastructure.Tests.deps.json", StringComparison.Ordinal));
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var names = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
        var entry = names.Single(n => n.StartsWith(package + "/", StringComparison.OrdinalIgnoreCase));
        return Version.Parse(entry[(package.Length + 1)..]);
    }

    [Fact]
    public void System_Drawing_Common_is_at_least_4_7_2_which_fixes_CVE_2021_24112()
    {
        var version = Resolved("System.Drawing.Common");

        // 4.7.2 fixes the 4.x line; 5.0.0 to 5.0.2 are affected again, and 6.0+ no longer runs on Linux (ClosedXML needs it).
        Assert.True(version >= new Version(4, 7, 2) && version < new Version(5, 0, 0), $"System.Drawing.Common {version} resolved");
    }
}
