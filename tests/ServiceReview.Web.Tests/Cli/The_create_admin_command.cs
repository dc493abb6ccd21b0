using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Cli;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Cli;

public sealed class The_create_admin_command(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Refuses_an_empty_password()
    {
        var console = Console("\n");

        var exitCode = await CliDispatcher.RunAsync(new CreateAdminCommand("nobody@example.org"), factory.Services, console);

        Assert.Equal(CliExitCodes.Failure, exitCode);
        Assert.Contains("password", console.Error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait(Needs.Trait, Needs.Migrations)]
    public async Task Creates_an_administrator_with_the_password_from_standard_input()
    {
        var exitCode = await CliDispatcher.RunAsync(new CreateAdminCommand("root@example.org"), factory.Services, Console("Chief-Password-2026\n"));

        Assert.Equal(CliExitCodes.Success, exitCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("root@example.org");
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(user, "Chief-Password-2026"));
    }

    [Fact]
    [Trait(Needs.Trait, Needs.Migrations)]
    public async Task Refuses_an_email_that_has_an_account_already()
    {
        await factory.CreateUserAsync("taken@example.org", "Held-Password-2026", Roles.Inspector);
        var console = Console("Other-Password-2026\n");

        var exitCode = await CliDispatcher.RunAsync(new CreateAdminCommand("taken@example.org"), factory.Services, console);

        Assert.Equal(CliExitCodes.Failure, exitCode);
        Assert.Contains("exists", console.Error.ToString(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.False(await users.IsInRoleAsync((await users.FindByEmailAsync("taken@example.org"))!, Roles.Admin));
    }

    [Theory]
    [Trait(Needs.Trait, Needs.Migrations)]
    [InlineData("not-an-email", "Good-Password-2026", "InvalidEmail")]
    [InlineData("weak@example.org", "short", "PasswordTooShort")]
    [InlineData("weak2@example.org", "Password12345", "PasswordTooCommon")]
    [InlineData("weak3@example.org", "BASEBALL1234567!", "PasswordTooCommon")]
    [InlineData("chiefadmin@example.org", "My-ChiefAdmin-Key-2026", "PasswordContainsEmail")]
    public async Task Prints_the_validation_errors_and_creates_nothing(string email, string password, string errorCode)
    {
        var console = Console(password + "\n");

        var exitCode = await CliDispatcher.RunAsync(new CreateAdminCommand(email), factory.Services, console);

        Assert.Equal(CliExitCodes.Failure, exitCode);
        Assert.Contains(errorCode, console.Error.ToString(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Null(await users.FindByNameAsync(email));
    }

    private static CliConsole Console(string input) =>
        new(new StringReader(input), new StringWriter(), new StringWriter(), InputIsInteractive: false);
}
