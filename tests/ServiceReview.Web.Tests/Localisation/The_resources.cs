using System.Collections;
using System.Globalization;
using System.Resources;

namespace ServiceReview.Web.Tests.Localisation;

public sealed class The_resources
{
    private static readonly ResourceManager Resources =
        new("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    [Fact]
    public void Have_a_Chinese_text_for_every_English_key_and_no_other()
    {
        var english = Keys(CultureInfo.InvariantCulture);
        var chinese = Keys(CultureInfo.GetCultureInfo("zh-CN"));

        Assert.NotEmpty(english);
        Assert.Empty(english.Except(chinese));
        Assert.Empty(chinese.Except(english));
    }

    [Fact]
    public void Use_the_same_placeholders_in_both_languages()
    {
        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        foreach (var key in Keys(CultureInfo.InvariantCulture))
        {
            var en = Resources.GetString(key, CultureInfo.InvariantCulture)!;
            var zh = Resources.GetString(key, chinese)!;
            Assert.True(Placeholders(en).SetEquals(Placeholders(zh)), $"{key}: '{en}' and '{zh}' differ in placeholders.");
        }
    }

    private static HashSet<string> Keys(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
}
