using ServiceReview.Web.Startup;

namespace ServiceReview.Web.Tests.Startup;

public sealed class The_SQLite_connection_string
{
    private static readonly string ContentRoot = Path.Combine(Path.GetTempPath(), "servicereview-content-root");

    [Fact]
    public void Is_resolved_against_the_content_root_when_relative()
    {
        var resolved = SqliteConnectionString.Resolve("Data Source=App_Data/servicereview.db", ContentRoot);

        Assert.Equal($"Data Source={Path.Combine(ContentRoot, "App_Data", "servicereview.db")}", resolved);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=file:memdb1?mode=memory&cache=shared")]
    public void Is_left_alone_for_in_memory_databases(string connectionString)
    {
        Assert.Equal(connectionString, SqliteConnectionString.Resolve(connectionString, ContentRoot));
    }

    [Fact]
    public void Is_left_alone_when_already_absolute()
    {
        var absolute = $"Data Source={Path.Combine(Path.GetTempPath(), "x.db")}";

        Assert.Equal(absolute, SqliteConnectionString.Resolve(absolute, ContentRoot));
    }
}
