using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Identity;

/// <summary>
/// Security events of sign-in accounts in the audit log: entity type <see cref="EntityType"/>, entity id the
/// account's user id (or, for a sign-in attempt with an unknown address, the address tried). Never a password.
/// The actions are stable names (docs/security.md lists them).
/// </summary>
public static class AccountAudit
{
    public const string EntityType = "Account";

    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignedOut = "SignedOut";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string RolesChanged = "RolesChanged";
    public const string Disabled = "Disabled";
    public const string Enabled = "Enabled";

    private const int EntityIdMaxLength = 64;
    private const int NameMaxLength = 256;

    /// <summary>Adds the entry to the context; the caller's next SaveChanges writes it.</summary>
    public static void Record(ServiceReviewDbContext db, DateTime atUtc, Actor actor, string accountId, string action, string? oldValue = null, string? newValue = null) =>
        db.Audit(actor with { Name = Cut(actor.Name, NameMaxLength) }, atUtc, EntityType, Cut(accountId, EntityIdMaxLength), action, oldValue, newValue);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
