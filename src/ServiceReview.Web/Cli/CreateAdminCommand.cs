using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Cli;

/// <summary>
/// <c>create-admin --email E</c>: creates an administrator whose password is read from standard input, so that
/// it never appears in the shell history or the process list. Works in every environment; never changes an
/// existing account.
/// </summary>
public sealed class CreateAdminCommand(string email) : ICliCommand
{
    public const string Verb = "create-admin";

    public string Email { get; } = email;

    public static CliParseResult Parse(IReadOnlyList<string> options)
    {
        var (values, error) = CliDispatcher.ReadOptions(options, "email");
        if (error is not null)
        {
            return CliParseResult.Invalid(error);
        }

        return values.TryGetValue("email", out var email) && !string.IsNullOrWhiteSpace(email)
            ? CliParseResult.For(new CreateAdminCommand(email.Trim()))
            : CliParseResult.Invalid("create-admin needs --email.");
    }

    public async Task<int> RunAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();

        var password = await console.ReadSecretLineAsync($"Password for {Email}: ");
        if (string.IsNullOrEmpty(password))
        {
            await console.Error.WriteLineAsync("No password: write it on standard input, one line.");
            return CliExitCodes.Failure;
        }

        try
        {
            if (await users.FindByEmailAsync(Email) is not null)
            {
                await console.Error.WriteLineAsync($"An account with the e-mail {Email} exists already; create-admin changes no existing account.");
                return CliExitCodes.Failure;
            }

            var user = new ApplicationUser
            {
                UserName = Email,
                Email = Email,
                EmailConfirmed = true,
                DisplayName = Email.Split('@')[0],
            };

            var errors = new List<IdentityError>();
            foreach (var validator in users.UserValidators)
            {
                errors.AddRange((await validator.ValidateAsync(users, user)).Errors);
            }

            foreach (var validator in users.PasswordValidators)
            {
                errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
            }

            if (errors.Count > 0)
            {
                return await FailAsync(console, errors);
            }

            if (!await roles.RoleExistsAsync(Roles.Admin))
            {
                var roleResult = await roles.CreateAsync(new IdentityRole(Roles.Admin));
                if (!roleResult.Succeeded)
                {
                    return await FailAsync(console, roleResult.Errors);
                }
            }

            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return await FailAsync(console, created.Errors);
            }

            var inRole = await users.AddToRoleAsync(user, Roles.Admin);
            if (!inRole.Succeeded)
            {
                // An account without its role would be a sign-in that can do nothing: take it back.
                await users.DeleteAsync(user);
                return await FailAsync(console, inRole.Errors);
            }

            // The administrator is a person too, so that the People pages list them and the audit log names them.
            var db = services.GetRequiredService<ServiceReviewDbContext>();
            var person = new Person(user.DisplayName, Email, user.Id);
            db.People.Add(person);
            var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
            await db.SaveNewWithAuditAsync(
                () => db.Audit(Actor.System, clock.GetUtcNow().UtcDateTime, nameof(Person), person.Id, "Created", null, $"administrator {Email} (create-admin)"),
                cancellationToken);
        }
        catch (DbException exception)
        {
            await console.Error.WriteLineAsync($"The database refused: {exception.Message}");
            await console.Error.WriteLineAsync("Has it been migrated? Run the 'migrate' verb first.");
            return CliExitCodes.Failure;
        }

        await console.Out.WriteLineAsync($"Administrator {Email} created.");
        return CliExitCodes.Success;
    }

    private static async Task<int> FailAsync(CliConsole console, IEnumerable<IdentityError> errors)
    {
        foreach (var error in errors)
        {
            await console.Error.WriteLineAsync($"{error.Code}: {error.Description}");
        }

        return CliExitCodes.Failure;
    }
}
