using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Features.Administration.People;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>Issue #12 item 11 (recording): account security events land in the audit log, never with a password.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Security_events_in_the_audit_log(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Password = "Right-Password-2026";
    private const string WrongPassword = "Wrong-Guess-Password-77";

    [Fact]
    public async Task Sign_in_failure_lockout_and_sign_out_are_recorded_without_the_password()
    {
        var user = await factory.CreateUserAsync("audited@example.org", Password, Roles.Manager);
        var client = await factory.SignedInWithAsync("audited@example.org", Password);
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, "/Identity/Account/Logout");
        await client.PostAsync("/Identity/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "audited@example.org", WrongPassword);
        }

        var entries = await AccountEntriesAsync(user.Id);

        Assert.Equal(
            [AccountAudit.SignedIn, AccountAudit.SignedOut, AccountAudit.SignInFailed, AccountAudit.SignInFailed, AccountAudit.SignInFailed, AccountAudit.SignInFailed, AccountAudit.LockedOut],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(user.Id, e.ActorUserId));
        Assert.Contains("email=audited@example.org", entries[2].NewValue, StringComparison.Ordinal);
        AssertNoPassword(entries);
    }

    [Fact]
    public async Task A_sign_in_attempt_with_an_unknown_address_is_recorded_with_the_address_tried()
    {
        await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "Stranger@Example.org", WrongPassword);

        var entry = Assert.Single(await factory.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == AccountAudit.EntityType && a.EntityId == "stranger@example.org").ToListAsync()));
        Assert.Equal(AccountAudit.SignInFailed, entry.Action);
        Assert.Null(entry.ActorUserId);
        Assert.Contains("reason=unknown", entry.NewValue, StringComparison.Ordinal);
        AssertNoPassword([entry]);
    }

    [Fact]
    public async Task Own_password_change_admin_reset_role_change_disable_and_enable_are_recorded()
    {
        var user = await factory.CreateUserAsync("lifecycle@example.org", Password, Roles.Inspector);
        var personId = await factory.WithDbAsync(async db =>
        {
            var person = new Person("生命周期", "lifecycle@example.org", user.Id);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        var client = await factory.SignedInWithAsync("lifecycle@example.org", Password);
        var changed = await ServiceReviewWebFactory.PostFormAsync(client, "/Account/ChangePassword", "/Account/ChangePassword",
        [
            new("CurrentPassword", Password), new("NewPassword", "Brand-New-Secret-2026"), new("ConfirmPassword", "Brand-New-Secret-2026"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<PeopleAdminService>();
            var admin = new Actor("admin-id", "管理员", null);
            Assert.True((await people.ResetPasswordAsync(personId, admin)).IsOk);
            var details = (await people.GetAsync(personId))!;
            var input = details.Input with { Roles = [Roles.Inspector, Roles.Manager] };
            Assert.True((await people.UpdateAsync(personId, details.Stamp, input, admin)).IsOk);
            Assert.True((await people.SetActiveAsync(personId, await StampAsync(personId), false, admin)).IsOk);
            Assert.True((await people.SetActiveAsync(personId, await StampAsync(personId), true, admin)).IsOk);
        }

        var entries = await AccountEntriesAsync(user.Id);

        Assert.Equal(
            [AccountAudit.SignedIn, AccountAudit.PasswordChanged, AccountAudit.PasswordReset, AccountAudit.RolesChanged, AccountAudit.Disabled, AccountAudit.Enabled],
            entries.Select(e => e.Action));
        var roles = entries.Single(e => e.Action == AccountAudit.RolesChanged);
        Assert.Equal((Roles.Inspector, "Manager,Inspector"), (roles.OldValue, roles.NewValue));
        Assert.Equal("admin-id", entries.Single(e => e.Action == AccountAudit.Disabled).ActorUserId);
        AssertNoPassword(entries, "Brand-New-Secret-2026");
    }

    private Task<Guid> StampAsync(int personId) =>
        factory.WithDbAsync(db => db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.ConcurrencyStamp).SingleAsync());

    private Task<List<AuditEntry>> AccountEntriesAsync(string userId) =>
        factory.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == AccountAudit.EntityType && a.EntityId == userId)
            .OrderBy(a => a.Id).ToListAsync());

    private static void AssertNoPassword(IEnumerable<AuditEntry> entries, params string[] others)
    {
        foreach (var entry in entries)
        {
            var text = string.Join('|', entry.ActorName, entry.EntityId, entry.OldValue, entry.NewValue);
            foreach (var secret in others.Append(Password).Append(WrongPassword))
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
