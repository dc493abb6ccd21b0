using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Administration.People;

/// <summary>
/// People and their sign-in accounts: list, create (with or without an account), edit name, e-mail, roles and
/// inspector profile, disable and enable, reset a password. A person and their account change in one save, with one
/// audit entry (entity type <c>Person</c>) and, for the account's security events (roles changed, disabled, enabled,
/// password reset), one of entity type <c>Account</c> (<see cref="AccountAudit"/>). Disabling a person or resetting
/// their password also ends their server-side sessions at once (<see cref="UserSessions"/>).
/// </summary>
public sealed class PeopleAdminService(ServiceReviewDbContext db, UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, UserSessions sessions, TimeProvider clock)
{
    public const string EntityType = nameof(Person);

    public async Task<Paged<PersonListItem>> ListAsync(string? search, PageRequest request, CancellationToken cancellationToken = default)
    {
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower(CultureInfo.InvariantCulture);
#pragma warning disable CA1304, CA1311, CA1862 // In a query EF translates ToLower() to SQL LOWER(); the culture and StringComparison overloads do not translate.
            query = query.Where(p => p.DisplayName.ToLower().Contains(term) || p.Email.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var people = await query
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.DisplayName).ThenBy(p => p.Id)
            .ToPagedAsync(request, cancellationToken);

        var userIds = people.Items.Where(p => p.UserId is not null).Select(p => p.UserId!).ToList();
        var roleRows = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              where userIds.Contains(ur.UserId)
                              select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var disabled = await db.Users.Where(u => userIds.Contains(u.Id) && u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken);

        return people.Map(p => new PersonListItem(
            p.Id,
            p.DisplayName,
            p.Email,
            p.UserId is not null,
            SortRoles(roleRows.Where(r => r.UserId == p.UserId).Select(r => r.Name!)),
            p.IsActive && !disabled.Contains(p.UserId ?? ""),
            p.InspectorProfile?.Type,
            p.InspectorProfile?.YearsOfExperience)
        { ProjectLimitCount = p.InspectableProjects.Count });
    }

    public async Task<PersonDetails?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var user = person.UserId is null ? null : await users.FindByIdAsync(person.UserId);
        var userRoles = user is null ? [] : SortRoles(await users.GetRolesAsync(user));
        var mustChange = user is not null && (await users.GetClaimsAsync(user)).Any(c => c.Type == OneTimePassword.MustChangeClaim);
        var teams = await db.Teams.AsNoTracking()
            .Where(t => t.LeadId == id || t.Members.Any(m => m.PersonId == id))
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => p.Name + " / " + t.Name)
            .ToListAsync(cancellationToken);
        return new PersonDetails(
            person.Id,
            new PersonInput(person.DisplayName, person.Email, userRoles, person.InspectorProfile?.Type, person.InspectorProfile?.YearsOfExperience, user is not null)
            {
                InspectableProjectIds = person.InspectableProjectIds,
            },
            person.IsActive,
            user?.IsDisabled ?? false,
            mustChange,
            person.ConcurrencyStamp,
            teams.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Creates a person (with an account when the input says so): their id and the one-time password to show once.</summary>
    public Task<Outcome<PersonSaved>> CreateAsync(PersonInput input, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(() => AddAsync(input, actor, cancellationToken));

    /// <summary>
    /// Saves a person (and their account) edited from a form built on <paramref name="stamp"/>: the one-time password
    /// to show once when the save created their account.
    /// </summary>
    public Task<Outcome<PersonSaved>> UpdateAsync(int id, Guid stamp, PersonInput input, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(() => SaveAsync(id, stamp, input, actor, cancellationToken));

    /// <summary>
    /// Disables (or enables) a person and their account. A disabled person keeps every inspection, review and audit
    /// entry; their account cannot sign in, and an open session ends at the next security-stamp check.
    /// </summary>
    public Task<Outcome> SetActiveAsync(int id, Guid stamp, bool active, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(() => ActivateAsync(id, stamp, active, actor, cancellationToken));

    private async Task<Outcome<PersonSaved>> AddAsync(PersonInput input, Actor actor, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(input, null, null, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var person = new Person(input.DisplayName, input.Email.Trim());
        ApplyProfile(person, input);
        db.People.Add(person);
        string? password = null;
        var strategy = db.Database.CreateExecutionStrategy();
        var failure = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (input.HasAccount)
            {
                (password, var accountErrors) = await CreateAccountAsync(person, input, cancellationToken);
                if (accountErrors.Count > 0)
                {
                    return accountErrors;
                }
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            db.Audit(actor, Now, EntityType, person.Id, "Created", null, Describe(person, input.HasAccount ? input.Roles : null));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<OutcomeError>)[];
        });

        if (failure.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(failure);
        }

        return new PersonSaved(person.Id, input.Password is null ? password : null);
    }

    private async Task<Outcome<PersonSaved>> SaveAsync(int id, Guid stamp, PersonInput input, Actor actor, CancellationToken cancellationToken)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return Outcome.NotFound();
        }

        var user = person.UserId is null ? null : await users.FindByIdAsync(person.UserId);
        var errors = await ValidateAsync(input, person.Id, user?.Id, cancellationToken);
        if (user is not null && user.Id == actor.UserId && !input.Roles.Contains(Roles.Admin))
        {
            errors.Add(OutcomeError.Of(nameof(PersonInput.Roles), "Admin.People.KeepOwnAdmin"));
        }

        if (user is not null && !input.HasAccount)
        {
            // Accounts are disabled, never deleted: they hold the person's history.
            errors.Add(OutcomeError.Of(nameof(PersonInput.HasAccount), "Admin.People.AccountCannotBeRemoved"));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        AdminStamp.Expect(db, person, stamp);
        var oldRoles = user is null ? null : SortRoles(await users.GetRolesAsync(user));
        var before = Describe(person, oldRoles);
        person.Rename(input.DisplayName, input.Email.Trim());
        ApplyProfile(person, input);

        string? password = null;
        var strategy = db.Database.CreateExecutionStrategy();
        var failure = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // The person first, with the stamp check: a stale form stops here, before the account is touched.
            db.Audit(actor, Now, EntityType, person.Id, "Updated", before, Describe(person, input.HasAccount ? SortRoles(input.Roles) : null));
            await db.SaveOrConflictAsync(cancellationToken);
            IReadOnlyList<OutcomeError> problems = [];
            if (user is null && input.HasAccount)
            {
                (password, problems) = await CreateAccountAsync(person, input, cancellationToken);
            }
            else if (user is not null)
            {
                problems = await UpdateAccountAsync(user, input, oldRoles!, actor);
            }

            if (problems.Count > 0)
            {
                return problems;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return problems;
        });

        if (failure.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(failure);
        }

        return new PersonSaved(person.Id, input.Password is null ? password : null);
    }

    private async Task<Outcome> ActivateAsync(int id, Guid stamp, bool active, Actor actor, CancellationToken cancellationToken)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return Outcome.NotFound();
        }

        var user = person.UserId is null ? null : await users.FindByIdAsync(person.UserId);
        if (!active && user is not null && user.Id == actor.UserId)
        {
            return Outcome.Invalid("", "Admin.People.CannotDisableSelf");
        }

        var currentlyActive = person.IsActive && user?.IsDisabled != true;
        if (currentlyActive == active)
        {
            // A second click on the same button: nothing to do, and nothing to audit.
            return Outcome.Invalid("", active ? "Admin.People.AlreadyEnabled" : "Admin.People.AlreadyDisabled");
        }

        AdminStamp.Expect(db, person, stamp);
        if (active)
        {
            person.Activate();
        }
        else
        {
            person.Deactivate();
        }

        db.Audit(actor, Now, EntityType, person.Id, active ? "Enabled" : "Disabled", currentlyActive ? "active" : "disabled", active ? "active" : "disabled");
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveOrConflictAsync(cancellationToken);
            if (user is not null)
            {
                user.IsDisabled = !active;
                // The new security stamp ends the sessions that are open now; UpdateSecurityStampAsync saves the account.
                Check(await users.UpdateSecurityStampAsync(user));
                if (!active)
                {
                    // At once, on every instance: the next request of any of their sessions is refused.
                    await sessions.RevokeAllAsync(user.Id, UserSessions.Reasons.Disabled, cancellationToken: cancellationToken);
                }

                AccountAudit.Record(db, Now, actor, user.Id, active ? AccountAudit.Enabled : AccountAudit.Disabled);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });

        return Outcome.Ok();
    }

    /// <summary>
    /// Gives the person's account a new one-time password, which they must change at their next sign-in: the password,
    /// to show once.
    /// </summary>
    public async Task<Outcome<string>> ResetPasswordAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return Outcome.NotFound();
        }

        var user = person.UserId is null ? null : await users.FindByIdAsync(person.UserId);
        if (user is null)
        {
            return Outcome.Invalid("", "Admin.People.NoAccount");
        }

        var password = OneTimePassword.New(user.Email);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
            await MarkMustChangeAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                Check(await users.SetLockoutEndDateAsync(user, null));
            }

            db.Audit(actor, Now, EntityType, person.Id, "PasswordReset");
            AccountAudit.Record(db, Now, actor, user.Id, AccountAudit.PasswordReset);
            await db.SaveChangesAsync(cancellationToken);

            // Whoever held the old password (or a cookie from it) is out on every device.
            await sessions.RevokeAllAsync(user.Id, UserSessions.Reasons.PasswordReset, cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return password;
    }

    /// <summary>Active people, for the lead and member lists of the team form.</summary>
    public async Task<IReadOnlyList<PersonOption>> OptionsAsync(CancellationToken cancellationToken = default) =>
        await db.People.AsNoTracking()
            .OrderBy(p => p.DisplayName)
            .Select(p => new PersonOption(p.Id, p.DisplayName, p.Email, p.IsActive))
            .ToListAsync(cancellationToken);

    internal static IReadOnlyList<string> SortRoles(IEnumerable<string> names) =>
        names.OrderBy(r => Roles.All.ToList().IndexOf(r) is var i and >= 0 ? i : int.MaxValue).ThenBy(r => r, StringComparer.Ordinal).ToList();

    internal async Task<(string Password, IReadOnlyList<OutcomeError> Errors)> CreateAccountAsync(Person person, PersonInput input, CancellationToken cancellationToken)
    {
        var email = input.Email.Trim();
        var password = string.IsNullOrEmpty(input.Password) ? OneTimePassword.New(email) : input.Password;
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = person.DisplayName };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (password, IdentityErrors(created, nameof(PersonInput.Password)));
        }

        person.LinkAccount(user.Id);
        await EnsureRolesExistAsync(input.Roles);
        if (input.Roles.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, input.Roles));
        }

        await MarkMustChangeAsync(user);
        await db.SaveChangesAsync(cancellationToken);
        return (password, []);
    }

    internal async Task EnsureRolesExistAsync(IEnumerable<string> names)
    {
        foreach (var role in names)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    private async Task<IReadOnlyList<OutcomeError>> UpdateAccountAsync(ApplicationUser user, PersonInput input, IReadOnlyList<string> oldRoles, Actor actor)
    {
        var email = input.Email.Trim();
        user.DisplayName = input.DisplayName.Trim();
        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            user.Email = email;
            user.UserName = email;
        }

        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return IdentityErrors(updated, nameof(PersonInput.Email));
        }

        await EnsureRolesExistAsync(input.Roles);
        var remove = oldRoles.Except(input.Roles).ToList();
        var add = input.Roles.Except(oldRoles).ToList();
        if (remove.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, remove));
        }

        if (add.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, add));
        }

        if (remove.Count > 0 || add.Count > 0)
        {
            // Open sessions get the new roles within a minute (the security-stamp check re-reads them).
            AccountAudit.Record(db, Now, actor, user.Id, AccountAudit.RolesChanged, string.Join(',', oldRoles), string.Join(',', SortRoles(input.Roles)));
        }

        return [];
    }

    private async Task MarkMustChangeAsync(ApplicationUser user)
    {
        if (!(await users.GetClaimsAsync(user)).Any(c => c.Type == OneTimePassword.MustChangeClaim))
        {
            Check(await users.AddClaimAsync(user, new Claim(OneTimePassword.MustChangeClaim, "true")));
        }
    }

    private async Task<List<OutcomeError>> ValidateAsync(PersonInput input, int? personId, string? userId, CancellationToken cancellationToken)
    {
        var errors = new List<OutcomeError>();
        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            errors.Add(OutcomeError.Of(nameof(PersonInput.DisplayName), "Admin.People.NameRequired"));
        }

        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(OutcomeError.Of(nameof(PersonInput.Email), "Admin.People.EmailInvalid"));
        }
        else
        {
            var lower = email.ToLower(CultureInfo.InvariantCulture);
#pragma warning disable CA1304, CA1311, CA1862 // In a query EF translates ToLower() to SQL LOWER(); the culture and StringComparison overloads do not translate.
            var taken = await db.People.AnyAsync(p => p.Id != personId && p.Email.ToLower() == lower, cancellationToken)
                || await db.Users.AnyAsync(u => u.Id != userId && u.NormalizedEmail == email.ToUpperInvariant(), cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
            if (taken)
            {
                errors.Add(OutcomeError.Of(nameof(PersonInput.Email), "Admin.People.EmailTaken", email));
            }
        }

        foreach (var role in input.Roles.Where(r => !Roles.All.Contains(r)))
        {
            errors.Add(OutcomeError.Of(nameof(PersonInput.Roles), "Admin.People.UnknownRole", role));
        }

        if (input.InspectorType is not null && input.YearsOfExperience is not (>= 0 and <= 70))
        {
            errors.Add(OutcomeError.Of(nameof(PersonInput.YearsOfExperience), "Admin.People.YearsOutOfRange"));
        }

        if (input.Roles.Count > 0 && !input.HasAccount)
        {
            errors.Add(OutcomeError.Of(nameof(PersonInput.Roles), "Admin.People.RolesNeedAccount"));
        }

        if (input.InspectableProjectIds.Count > 0)
        {
            var wanted = input.InspectableProjectIds.Distinct().ToList();
            if (input.InspectorType is null)
            {
                errors.Add(OutcomeError.Of(nameof(PersonInput.InspectableProjectIds), "Admin.People.ProjectsNeedInspector"));
            }
            else if (await db.Projects.CountAsync(p => wanted.Contains(p.Id), cancellationToken) != wanted.Count)
            {
                errors.Add(OutcomeError.Of(nameof(PersonInput.InspectableProjectIds), "Admin.People.UnknownProject"));
            }
        }

        return errors;
    }

    private static void ApplyProfile(Person person, PersonInput input)
    {
        if (input.InspectorType is { } type)
        {
            person.MakeInspector(type, input.YearsOfExperience ?? 0);
            person.LimitInspectionTo(input.InspectableProjectIds);
        }
        else
        {
            person.StopInspecting();
        }
    }

    private static string Describe(Person person, IReadOnlyList<string>? accountRoles) =>
        string.Create(CultureInfo.InvariantCulture,
            $"name={person.DisplayName}; email={person.Email}; account={(accountRoles is null ? "none" : string.Join(',', accountRoles))}; inspector={(person.InspectorProfile is { } p ? $"{p.Type}/{p.YearsOfExperience}y" : "no")}; projects={(person.InspectableProjectIds.Count == 0 ? "any" : string.Join(',', person.InspectableProjectIds.Order()))}");

    private static List<OutcomeError> IdentityErrors(IdentityResult result, string field) =>
        result.Errors.Select(e => e.Code switch
        {
            "DuplicateUserName" or "DuplicateEmail" => OutcomeError.Of(nameof(PersonInput.Email), "Admin.People.EmailTaken", e.Description),
            "InvalidEmail" or "InvalidUserName" => OutcomeError.Of(nameof(PersonInput.Email), "Admin.People.EmailInvalid"),
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => OutcomeError.Of(field, PasswordPolicyValidator.MessageKey(e.Code)),
            _ => OutcomeError.Of("", "Admin.Identity.Refused", e.Description),
        }).ToList();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
