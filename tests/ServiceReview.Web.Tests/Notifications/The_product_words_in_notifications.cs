using System.Collections;
using System.Globalization;
using System.Resources;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Notifications;

/// <summary>
/// Issue #17: notifications, their e-mails and the home page use the product's words — 负责人 (not 组长) and
/// 申诉 (not 争议) — in every Chinese text they show.
/// </summary>
public sealed class The_product_words_in_notifications
{
    private static readonly string[] Prefixes = ["Notifications.", "Email.", "Home."];

    private static readonly string[] OldWords = ["组长", "争议"];

    private static List<(string Key, string Value)> ChineseTexts()
    {
        var resources = new ResourceManager("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var set = resources.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("No Chinese resources.");
        return [.. set.Cast<DictionaryEntry>()
            .Select(e => ((string)e.Key, e.Value as string ?? string.Empty))
            .Where(e => Prefixes.Any(p => e.Item1.StartsWith(p, StringComparison.Ordinal)))];
    }

    [Fact]
    public void The_notification_email_and_home_texts_are_read()
    {
        var keys = ChineseTexts().Select(t => t.Key).ToList();

        Assert.Contains("Notifications.Kind.Disputed", keys);
        Assert.Contains("Notifications.Kind.Ruled", keys);
        Assert.Contains("Email.Subject", keys);
        Assert.Contains("Home.ToConfirm", keys);
    }

    [Fact]
    public void No_notification_email_or_home_text_says_zuzhang_or_zhengyi()
    {
        var wrong = ChineseTexts().Where(t => OldWords.Any(w => t.Value.Contains(w, StringComparison.Ordinal)))
            .Select(t => $"{t.Key} = {t.Value}").ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void A_dispute_notification_names_the_lead_and_the_appeal_in_the_products_words()
    {
        Assert.Contains("负责人", Texts.Zh("Notifications.Kind.Disputed"), StringComparison.Ordinal);
        Assert.Contains("申诉", Texts.Zh("Notifications.Kind.Disputed"), StringComparison.Ordinal);
        Assert.Contains("申诉", Texts.Zh("Notifications.Kind.Ruled"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The English kinds use the product's English words too: a lead (负责人) raises a dispute (申诉) for a manager to
    /// rule on, about an inspection record (检查记录); "arbitration" and "team lead" are not the words of the pages.
    /// </summary>
    [Fact]
    public void The_english_notification_kinds_say_dispute_to_rule_on_and_lead()
    {
        var resources = new ResourceManager("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var set = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("No English resources.");
        var kinds = set.Cast<DictionaryEntry>()
            .Where(e => ((string)e.Key).StartsWith("Notifications.Kind.", StringComparison.Ordinal))
            .Select(e => ((string)e.Key, e.Value as string ?? string.Empty)).ToList();

        Assert.NotEmpty(kinds);
        var wrong = kinds.Where(k => k.Item2.Contains("arbitrat", StringComparison.OrdinalIgnoreCase) || k.Item2.Contains("team lead", StringComparison.OrdinalIgnoreCase))
            .Select(k => $"{k.Item1} = {k.Item2}").ToList();
        Assert.Empty(wrong);
        var disputed = kinds.Single(k => k.Item1 == "Notifications.Kind.Disputed").Item2;
        Assert.Contains("dispute to rule on", disputed, StringComparison.Ordinal);
        Assert.Contains("inspection record", kinds.Single(k => k.Item1 == "Notifications.Kind.SubmittedForReview").Item2, StringComparison.Ordinal);
    }
}
