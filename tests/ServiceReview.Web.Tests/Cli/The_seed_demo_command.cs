using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using ServiceReview.Infrastructure.Seeding;
using ServiceReview.Web.Cli;

namespace ServiceReview.Web.Tests.Cli;

public sealed class The_seed_demo_command
{
    [Fact]
    public async Task Refuses_to_run_in_Production_and_touches_nothing()
    {
        var initializer = new Mock<IDatabaseInitializer>(MockBehavior.Strict);
        var console = Console();

        var exitCode = await new SeedDemoCommand(2).RunAsync(Services(Environments.Production, initializer.Object), console);

        Assert.Equal(CliExitCodes.Failure, exitCode);
        Assert.Contains("Production", console.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrates_seeds_reference_data_then_the_demo_data_at_the_asked_scale()
    {
        var calls = new List<string>();
        var initializer = new Mock<IDatabaseInitializer>();
        initializer.Setup(i => i.MigrateAsync(It.IsAny<CancellationToken>())).Callback(() => calls.Add("migrate")).Returns(Task.CompletedTask);
        initializer.Setup(i => i.SeedReferenceDataAsync(It.IsAny<CancellationToken>())).Callback(() => calls.Add("reference")).Returns(Task.CompletedTask);
        initializer.Setup(i => i.SeedDemoDataAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback((int scale, CancellationToken _) => calls.Add($"demo x{scale}")).Returns(Task.CompletedTask);

        var exitCode = await new SeedDemoCommand(3).RunAsync(Services(Environments.Development, initializer.Object), Console());

        Assert.Equal(CliExitCodes.Success, exitCode);
        Assert.Equal(["migrate", "reference", "demo x3"], calls);
    }

    [Fact]
    public async Task Migrate_applies_migrations_and_reference_data()
    {
        var initializer = new Mock<IDatabaseInitializer>();

        var exitCode = await new MigrateCommand().RunAsync(Services(Environments.Production, initializer.Object), Console());

        Assert.Equal(CliExitCodes.Success, exitCode);
        initializer.Verify(i => i.MigrateAsync(It.IsAny<CancellationToken>()), Times.Once);
        initializer.Verify(i => i.SeedReferenceDataAsync(It.IsAny<CancellationToken>()), Times.Once);
        initializer.Verify(i => i.SeedDemoDataAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static CliConsole Console() => new(new StringReader(""), new StringWriter(), new StringWriter(), InputIsInteractive: false);

    private static ServiceProvider Services(string environment, IDatabaseInitializer initializer)
    {
        var hostEnvironment = new Mock<IHostEnvironment>();
        hostEnvironment.SetupGet(e => e.EnvironmentName).Returns(environment);
        return new ServiceCollection()
            .AddSingleton(hostEnvironment.Object)
            .AddSingleton(initializer)
            .BuildServiceProvider();
    }
}
