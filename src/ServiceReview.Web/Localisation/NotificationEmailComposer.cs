using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Email;

namespace ServiceReview.Web.Localisation;

/// <summary>
/// The words of notification e-mails from the resources, Chinese first, then English (a person's language choice is a
/// browser cookie, unknown to a background job). Subject: "【服务考评】… / [ServiceReview] …". The recipient's name is
/// HTML-encoded in the HTML part; headers are MimeKit's to encode.
/// </summary>
public sealed class NotificationEmailComposer(IStringLocalizer<SharedResource> l) : INotificationEmailComposer
{
    private static readonly CultureInfo Chinese = new(Cultures.Chinese);
    private static readonly CultureInfo English = new(Cultures.English);

    public ComposedEmail ForNotification(Notification notification, string recipientName, string link, string settingsLink, InspectionAbout? about = null)
    {
        var kind = $"Notifications.Kind.{notification.Kind}";
        var subject = $"Notifications.Subject.{notification.SubjectType}";
        return Compose(
            In(Chinese, () => l["Email.Subject", l[kind]]) + " / " + In(English, () => l["Email.Subject", l[kind]]),
            recipientName,
            c => [In(c, () => l[kind]), In(c, () => about is null ? l[subject, notification.SubjectId] : l["Notifications.About.Inspection", about.Team, about.Round])],
            link,
            settingsLink);
    }

    public ComposedEmail Test(string recipientName, string appLink) =>
        Compose(
            In(Chinese, () => l["Email.Subject", l["Email.Test.Title"]]) + " / " + In(English, () => l["Email.Subject", l["Email.Test.Title"]]),
            recipientName,
            c => [In(c, () => l["Email.Test.Body"])],
            appLink,
            settingsLink: null);

    private ComposedEmail Compose(string subject, string name, Func<CultureInfo, string[]> lines, string link, string? settingsLink)
    {
        name = OneLine(name);
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var culture in new[] { Chinese, English })
        {
            var lang = culture == Chinese ? "zh-CN" : "en";
            text.AppendLine(In(culture, () => l["Email.Greeting", name])).AppendLine();
            html.Append(CultureInfo.InvariantCulture, $"<div lang=\"{lang}\"><p>{Encode(In(culture, () => l["Email.Greeting", name]))}</p>");
            foreach (var line in lines(culture))
            {
                text.AppendLine(line);
                html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(line)}</p>");
            }

            text.AppendLine(In(culture, () => l["Email.Open", link])).AppendLine();
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(link)}\">{Encode(In(culture, () => l["Email.OpenLink"]))}</a></p>");
            if (settingsLink is not null)
            {
                text.AppendLine(In(culture, () => l["Email.Footer", settingsLink])).AppendLine();
                html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#666;font-size:small\">{Encode(In(culture, () => l["Email.Footer", settingsLink]))}</p>");
            }

            html.Append("</div>");
            if (culture == Chinese)
            {
                text.AppendLine("——").AppendLine();
                html.Append("<hr>");
            }
        }

        html.Append("</body></html>");
        return new ComposedEmail(subject, text.ToString().TrimEnd() + Environment.NewLine, html.ToString());
    }

    /// <summary>A name typed by a user is shown on one line: each run of control characters (CR, LF, tab) becomes one space.</summary>
    private static string OneLine(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\p{Cc}+", " ").Trim();

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Html.Encode(text);

    private static string In(CultureInfo culture, Func<string> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
