using System.Security.Cryptography;

namespace ServiceReview.Infrastructure.Admin;

/// <summary>
/// Passwords the administrator reads off the page and passes on: three groups of four characters from an alphabet
/// without look-alikes (no 0/O, 1/l/I), each group an upper-case letter, two lower-case letters and a digit in a random
/// order, so that every password meets the sign-in rules (12+ characters, upper, lower, digit).
/// </summary>
public static class OneTimePassword
{
    /// <summary>The claim that makes the user choose a new password at their next sign-in.</summary>
    public const string MustChangeClaim = "servicereview:must-change-password";

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    public static string New()
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
