using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace ServiceReview.Infrastructure.Identity;

/// <summary>
/// The password rules of OWASP ASVS 5.0 §6.2 that Identity's options cannot say: at most 128 characters, not one of
/// the 10,000 most common passwords (also once trailing digits and symbols are taken off, so that "Password12345"
/// is refused), and not containing the local part of the account's e-mail address. Identity's own options give the
/// minimum length (12) and have every composition rule turned off. It applies wherever a password is set: the
/// person form, one-time passwords, change-password, create-admin.
/// </summary>
public sealed class PasswordPolicyValidator : IPasswordValidator<ApplicationUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    /// <summary>A shorter local part ("li@...") would refuse too many good passwords.</summary>
    public const int MinimumLocalPartLength = 3;

    public const string TooLongCode = "PasswordTooLong";
    public const string TooCommonCode = "PasswordTooCommon";
    public const string ContainsEmailCode = "PasswordContainsEmail";

    private const string ListResource = "ServiceReview.Infrastructure.Identity.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadList);

    /// <summary>The resource key (SharedResource) that explains an Identity password error code to the user.</summary>
    public static string MessageKey(string code) => code switch
    {
        "PasswordTooShort" or TooLongCode or TooCommonCode or ContainsEmailCode => "Auth.Password." + code,
        _ => "Admin.Password.TooWeak",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        var errors = new List<IdentityError>();
        password ??= "";
        if (password.Length > MaximumLength)
        {
            errors.Add(new IdentityError { Code = TooLongCode, Description = $"Passwords must be at most {MaximumLength} characters." });
        }

        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = TooCommonCode, Description = "This password is one of the most common passwords." });
        }

        if (ContainsLocalPart(password, user.Email ?? user.UserName))
        {
            errors.Add(new IdentityError { Code = ContainsEmailCode, Description = "The password must not contain the name part of the e-mail address." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Case-insensitive, as typed and with trailing digits and symbols taken off ("Password12345!" is "password").</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var end = lower.Length;
        while (end > 0 && !char.IsLetter(lower[end - 1]))
        {
            end--;
        }

        var stripped = lower[..end];
        var list = CommonPasswords.Value;
        return list.Contains(lower) || (stripped.Length > 0 && list.Contains(stripped));
    }

    public static bool ContainsLocalPart(string password, string? email)
    {
        var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        var local = at >= 0 ? email![..at] : email ?? "";
        return local.Length >= MinimumLocalPartLength && password.Contains(local, StringComparison.OrdinalIgnoreCase);
    }

    private static FrozenSet<string> LoadList()
    {
        using var stream = typeof(PasswordPolicyValidator).Assembly.GetManifestResourceStream(ListResource)
            ?? throw new InvalidOperationException($"The embedded resource {ListResource} is missing.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(10_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
