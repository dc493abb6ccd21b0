using ServiceReview.Infrastructure.Tests.Fixtures;

namespace ServiceReview.Infrastructure.Tests.PostgreSql;

/// <summary>The skip rule: outside CI a missing PostgreSQL skips; in CI it never does.</summary>
public sealed class PostgreSqlEnvironmentTests
{
    [Theory]
    [InlineData(false, false, false, true)]
    [InlineData(false, false, true, false)]
    [InlineData(false, true, false, false)]
    [InlineData(true, false, false, false)]
    public void Skips_only_outside_CI_when_no_server_can_be_had(bool external, bool binaries, bool ci, bool skipped)
    {
        var reason = PostgreSqlEnvironment.SkipReasonFor(external, binaries, ci);

        Assert.Equal(skipped ? PostgreSqlEnvironment.NotInstalledMessage : null, reason);
    }

    [Fact]
    public void Finds_the_newest_versioned_bin_folder_when_PATH_has_none()
    {
        var root = Path.Combine(Path.GetTempPath(), $"servicereview-pgbin-{Guid.NewGuid():N}");
        try
        {
            foreach (var version in new[] { "9.6", "13", "15" })
            {
                var bin = Directory.CreateDirectory(Path.Combine(root, version, "bin")).FullName;
                File.WriteAllText(Path.Combine(bin, "initdb"), string.Empty);
                File.WriteAllText(Path.Combine(bin, "pg_ctl"), string.Empty);
            }

            Directory.CreateDirectory(Path.Combine(root, "16", "bin")); // no programs: not a candidate

            Assert.Equal(Path.Combine(root, "15", "bin"), PostgreSqlEnvironment.FindBinDirectory("/nonexistent", root));
            Assert.Null(PostgreSqlEnvironment.FindBinDirectory(null, Path.Combine(root, "missing")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
