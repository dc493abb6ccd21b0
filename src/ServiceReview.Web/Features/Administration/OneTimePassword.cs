using System.Security.Cryptography;
using ServiceReview.Infrastructure.Identity;

namespace ServiceReview.Web.Features.Administration;

/// <summary>
/// Passwords the administrator reads off the page and passes on: three groups of four characters from an alphabet
/// without look-alikes (no 0/O, 1/l/I), each group an upper-case letter, two lower-case letters and a digit in a random
/// order: 14 characters, about 62 bits. They meet the password rules of <see cref="PasswordPolicyValidator"/>
/// (12+ characters, not common): the one rule that chance could break, containing the e-mail's local part, is
/// checked here and the password drawn again.
/// </summary>
public static class OneTimePassword
{
    /// <summary>The claim that makes the user choose a new password at their next sign-in.</summary>
    public const string MustChangeClaim = "servicereview:must-change-password";

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>A new one-time password for the account with this e-mail address.</summary>
    public static string New(string? email)
    {
        string password;
        do
        {
            password = Draw();
        }
        while (PasswordPolicyValidator.ContainsLocalPart(password, email) || PasswordPolicyValidator.IsCommon(password));

        return password;
    }

    private static string Draw()
    {
        var groups = new string[3];
        for (var g = 0; g < groups.Length; g++)
        {
            var chars = new[] { Pick(Upper), Pick(Lower), Pick(Lower), Pick(Digits) };
            RandomNumberGenerator.Shuffle(chars.AsSpan());
            groups[g] = new string(chars);
        }

        return string.Join('-', groups);
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
