using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using ServiceReview.Infrastructure.Seeding;
using ServiceReview.Web.Startup;

namespace ServiceReview.Web.Tests.Startup;

public sealed class Database_start_up
{
    [Fact]
    public async Task Migrates_and_seeds_reference_data_by_default()
    {
        var initializer = Initializer(empty: false);

        await Run(initializer, Environments.Production);

        initializer.Verify(i => i.MigrateAsync(It.IsAny<CancellationToken>()), Times.Once);
        initializer.Verify(i => i.SeedReferenceDataAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Leaves_migrations_to_the_migrate_command_when_MigrateOnStartup_is_false()
    {
        var initializer = Initializer(empty: false);

        await Run(initializer, Environments.Production, migrateOnStartup: "false");

        initializer.Verify(i => i.MigrateAsync(It.IsAny<CancellationToken>()), Times.Never);
        initializer.Verify(i => i.SeedReferenceDataAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Loads_the_demo_data_into_an_empty_database_in_Development()
    {
        var initializer = Initializer(empty: true);

        await Run(initializer, Environments.Development);

        initializer.Verify(i => i.SeedDemoDataAsync(1, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Testing", true)]
    public async Task Loads_no_demo_data_outside_Development_or_into_a_database_in_use(string environment, bool empty)
    {
        var initializer = Initializer(empty);

        await Run(initializer, environment);

        initializer.Verify(i => i.SeedDemoDataAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static Mock<IDatabaseInitializer> Initializer(bool empty)
    {
        var initializer = new Mock<IDatabaseInitializer>();
        initializer.Setup(i => i.IsEmptyAsync(It.IsAny<CancellationToken>())).ReturnsAsync(empty);
        return initializer;
    }

    private static Task Run(Mock<IDatabaseInitializer> initializer, string environment, string? migrateOnStartup = null)
    {
        var settings = new Dictionary<string, string?>();
        if (migrateOnStartup is not null)
        {
            settings[DatabaseStartup.MigrateOnStartupKey] = migrateOnStartup;
        }

        var hostEnvironment = new Mock<IHostEnvironment>();
        hostEnvironment.SetupGet(e => e.EnvironmentName).Returns(environment);
        return DatabaseStartup.InitialiseAsync(
            initializer.Object,
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            hostEnvironment.Object,
            NullLogger.Instance);
    }
}
