using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>
/// The Chinese texts the pages show, looked up by their localisation key in SharedResource.zh-CN.resx: a test
/// compares a page with <c>Texts.Zh("Key")</c>, not with a copy of the sentence, so rewording a text in the
/// resources does not break the test (removing or renaming the key does, as it should).
/// </summary>
public static partial class Texts
{
    private static readonly ResourceManager Resources = new("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The Chinese text of <paramref name="key"/>, formatted with <paramref name="arguments"/> when given.</summary>
    public static string Zh(string key, params object[] arguments)
    {
        var text = Resources.GetString(key, Chinese) ?? throw new KeyNotFoundException($"No localisation key '{key}'.");
        return arguments.Length == 0 ? text : string.Format(Chinese, text, arguments);
    }

    /// <summary>
    /// A pattern that matches the Chinese text of <paramref name="key"/> whatever its arguments are (each
    /// placeholder matches any text on one line): for a message that names a person, a time or a value the test
    /// does not know.
    /// </summary>
    public static string ZhPattern(string key) =>
        Placeholder().Replace(Regex.Escape(Zh(key)).Replace("\\{", "{", StringComparison.Ordinal), ".+?");

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
