using ServiceReview.Web.Cli;

namespace ServiceReview.Web.Tests.Cli;

public sealed class The_command_line_parser
{
    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5000")]
    [InlineData("--environment=Testing")]
    public void Starts_the_web_app_when_there_is_no_verb(params string[] args)
    {
        var result = CliDispatcher.Parse(args);

        Assert.False(result.IsError);
        Assert.Null(result.Command);
        Assert.Equal(args, result.HostArguments);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("migrate", "--now")]
    [InlineData("create-admin")]
    [InlineData("create-admin", "--email")]
    [InlineData("create-admin", "admin@example.org")]
    [InlineData("create-admin", "--mail", "admin@example.org")]
    [InlineData("create-admin", "--email", "a@example.org", "--email", "b@example.org")]
    [InlineData("seed-demo", "--scale", "0")]
    [InlineData("seed-demo", "--scale", "-3")]
    [InlineData("seed-demo", "--scale", "two")]
    [InlineData("seed-demo", "--scale", "1.5")]
    [InlineData("seed-demo", "--size", "2")]
    public void Rejects_an_unknown_verb_or_bad_arguments(params string[] args)
    {
        var result = CliDispatcher.Parse(args);

        Assert.True(result.IsError);
        Assert.Null(result.Command);
    }

    [Fact]
    public async Task Makes_the_program_exit_with_code_2_and_the_usage_on_stderr()
    {
        var entryPoint = typeof(Program).Assembly.EntryPoint!;
        var error = new StringWriter();
        var original = Console.Error;
        int exitCode;
        Console.SetError(error);
        try
        {
            var result = entryPoint.Invoke(null, [new[] { "seed-demo", "--scale", "zero" }]);
            exitCode = result switch
            {
                int code => code,
                Task<int> task => await task,
                _ => throw new InvalidOperationException("Unexpected entry point."),
            };
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(CliExitCodes.Usage, exitCode);
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--scale", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_migrate()
    {
        Assert.IsType<MigrateCommand>(CliDispatcher.Parse(["migrate"]).Command);
    }

    [Theory]
    [InlineData("create-admin", "--email", "root@example.org")]
    [InlineData("create-admin", "--email=root@example.org")]
    public void Reads_create_admin_with_its_email(params string[] args)
    {
        var command = Assert.IsType<CreateAdminCommand>(CliDispatcher.Parse(args).Command);

        Assert.Equal("root@example.org", command.Email);
    }

    [Theory]
    [InlineData(new[] { "seed-demo" }, 1)]
    [InlineData(new[] { "seed-demo", "--scale", "100" }, 100)]
    [InlineData(new[] { "seed-demo", "--scale=3" }, 3)]
    public void Reads_seed_demo_with_a_scale_of_one_by_default(string[] args, int scale)
    {
        var command = Assert.IsType<SeedDemoCommand>(CliDispatcher.Parse(args).Command);

        Assert.Equal(scale, command.Scale);
    }
}
