using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Localisation;

namespace ServiceReview.Web.Features.Notifications;

/// <summary>
/// What one weekly digest says. For a manager (organisation-wide, as the manager's home page counts them): rounds in
/// progress, late inspections (<see cref="RoundQueries.Overdue"/>: window closed, not submitted, in the rounds of the
/// last <see cref="RoundQueries.OverdueLookBack"/>), open disputes, overdue corrective actions. For a lead (the teams
/// they lead): inspection records submitted in the last seven days and open corrective actions (open or sent back).
/// Null parts are not the person's.
/// </summary>
public sealed record DigestFigures(int? RoundsInProgress, int? LateInspections, int? OpenDisputes, int? OverdueActions, int? NewResults, int? OpenActions);

/// <summary>One person's digest for one week, composed and ready to store with its e-mail.</summary>
public sealed record WeeklyDigest(int PersonId, DateOnly WeekStart, string Email, string Name, DigestFigures Figures, ComposedEmail Mail);

/// <summary>
/// The opt-in weekly digest e-mail (issue #17 item 11), queued in the e-mail outbox once per person and week (the week
/// starts on Monday in the organisation's time zone). Several instances may run it at the same moment: each digest is
/// stored with a <see cref="DigestDelivery"/> row, unique per person and week, in the same save as its e-mail, so the
/// second instance's save fails on that index and neither its row nor its e-mail is kept — as <see cref="ReminderJob"/>
/// does with reminders. Nothing is sent while e-mail is off.
/// </summary>
public sealed class WeeklyDigestJob(
    ServiceReviewDbContext db,
    TimeProvider clock,
    OrganisationClock localTime,
    IOptionsMonitor<EmailOptions> email,
    IStringLocalizer<SharedResource> l,
    ILogger<WeeklyDigestJob> logger)
{
    /// <summary>The outbox purpose of a digest e-mail.</summary>
    public const string Purpose = "WeeklyDigest";

    /// <summary>How far back a lead's "new results" reach.</summary>
    public static readonly TimeSpan NewResultsWindow = TimeSpan.FromDays(7);

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Queues the digests due this week that are not queued yet; returns how many this call queued.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        await StoreAsync(await FindAsync(cancellationToken), cancellationToken);

    /// <summary>The digests due now (this week's, for people who asked and have none yet), composed; nothing stored.</summary>
    public async Task<IReadOnlyList<WeeklyDigest>> FindAsync(CancellationToken cancellationToken = default)
    {
        var settings = email.CurrentValue;
        if (!settings.Enabled)
        {
            return [];
        }

        var week = DigestDelivery.WeekOf(localTime.Today);
        var due = await DueAsync(week, cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var managerFigures = due.Any(p => p.IsManager) ? await ManagerFiguresAsync(now, cancellationToken) : null;
        var digests = new List<WeeklyDigest>();
        foreach (var person in due)
        {
            var figures = await FiguresAsync(person, managerFigures, now, cancellationToken);
            digests.Add(new WeeklyDigest(person.Id, week, person.Email, person.Name, figures, Compose(person, figures, week, settings)));
        }

        return digests;
    }

    /// <summary>
    /// Stores each digest with its e-mail, on its own; one another instance stored first (the unique person-and-week
    /// index) is skipped with its e-mail. Returns how many were stored here.
    /// </summary>
    public async Task<int> StoreAsync(IReadOnlyList<WeeklyDigest> digests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digests);
        var now = clock.GetUtcNow().UtcDateTime;
        // The unique (person, week) index refuses a digest another instance queued first, and its e-mail with it.
        return await db.StoreEachOnceAsync(
            digests,
            d => [new DigestDelivery(d.PersonId, d.WeekStart, now), new OutgoingEmail(d.Email, d.Name, Purpose, d.Mail.Subject, d.Mail.TextBody, d.Mail.HtmlBody, now)],
            (d, ex) => logger.LogDebug(ex, "The weekly digest of person {PersonId} for {Week} was already queued.", d.PersonId, d.WeekStart),
            cancellationToken);
    }

    /// <summary>Active people with an address who asked for the digest, are managers or leads, and have none for this week.</summary>
    private async Task<List<DigestRecipient>> DueAsync(DateOnly week, CancellationToken cancellationToken)
    {
        var managerRoles = new[] { Roles.Manager, Roles.Admin };
        var people = await db.People.AsNoTracking()
            .Where(p => p.WeeklyDigest && p.IsActive && p.ReceivesEmail && p.Email != ""
                && !db.DigestDeliveries.Any(d => d.PersonId == p.Id && d.WeekStart == week))
            .Select(p => new
            {
                p.Id,
                p.DisplayName,
                p.Email,
                p.DigestCulture,
                IsManager = (from ur in db.UserRoles
                             join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == p.UserId && managerRoles.Contains(r.Name)
                             select ur.UserId).Any(),
                IsLead = db.Teams.Any(t => t.LeadId == p.Id),
            })
            .ToListAsync(cancellationToken);
        return [.. people
            .Where(p => (p.IsManager || p.IsLead) && MimeKit.MailboxAddress.TryParse(p.Email, out _))
            .Select(p => new DigestRecipient(p.Id, p.DisplayName, p.Email, p.DigestCulture, p.IsManager, p.IsLead))];
    }

    private async Task<DigestFigures> ManagerFiguresAsync(DateTime now, CancellationToken cancellationToken)
    {
        var rounds = await db.Rounds.CountAsync(r => r.Status == RoundStatus.Open, cancellationToken);
        // Late as the round page and the reminders say it (a closed round's unfinished inspections are late too), over
        // the rounds of the reminders' look-back: older rounds are history, not this week's work.
        var late = await RoundQueries.Overdue(db, now, now - RoundQueries.OverdueLookBack).CountAsync(cancellationToken);
        var disputes = await db.Disputes.CountAsync(d => d.Status == DisputeStatus.Open, cancellationToken);
        var today = await ProjectToday.LoadAsync(db, localTime, cancellationToken);
        var overdue = await db.CorrectiveActions.CountAsync(today.Overdue(), cancellationToken);
        return new DigestFigures(rounds, late, disputes, overdue, null, null);
    }

    private async Task<DigestFigures> FiguresAsync(DigestRecipient person, DigestFigures? manager, DateTime now, CancellationToken cancellationToken)
    {
        var figures = person.IsManager && manager is not null ? manager : new DigestFigures(null, null, null, null, null, null);
        if (person.IsLead)
        {
            var since = now - NewResultsWindow;
            var led = db.Teams.Where(t => t.LeadId == person.Id).Select(t => t.Id);
            var results = await db.Inspections.CountAsync(i => led.Contains(i.TeamId) && i.SubmittedAt != null && i.SubmittedAt > since, cancellationToken);
            var open = await db.CorrectiveActions.CountAsync(a => led.Contains(a.TeamId)
                && (a.Status == CorrectiveActionStatus.Open || a.Status == CorrectiveActionStatus.SentBack), cancellationToken);
            figures = figures with { NewResults = results, OpenActions = open };
        }

        return figures;
    }

    /// <summary>The digest in the person's language (the one stored when they asked for it, else Chinese).</summary>
    private ComposedEmail Compose(DigestRecipient person, DigestFigures figures, DateOnly week, EmailOptions settings)
    {
        var culture = new CultureInfo(person.Culture == Cultures.English ? Cultures.English : Cultures.Chinese);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var lines = new List<(string Text, string Link)>();
            void Line(int? count, string key, string link)
            {
                if (count is { } n)
                {
                    lines.Add((l[key, n], settings.AbsoluteUrl(link)));
                }
            }

            Line(figures.RoundsInProgress, "Digest.RoundsInProgress", "/Rounds?status=Open");
            Line(figures.LateInspections, "Digest.LateInspections", "/Rounds");
            Line(figures.OpenDisputes, "Digest.OpenDisputes", "/Disputes");
            Line(figures.OverdueActions, "Digest.OverdueActions", "/Actions?overdue=true");
            Line(figures.NewResults, "Digest.NewResults", "/Reviews");
            Line(figures.OpenActions, "Digest.OpenActions", "/Actions");

            var name = System.Text.RegularExpressions.Regex.Replace(person.Name, @"\p{Cc}+", " ").Trim();
            var weekText = week.ToString("d", culture);
            var subject = l["Email.Subject", l["Digest.Title", weekText]];
            var settingsLink = settings.AbsoluteUrl(EmailLinks.Settings);
            var text = new StringBuilder()
                .AppendLine(l["Email.Greeting", name]).AppendLine()
                .AppendLine(l["Digest.Lead", weekText]).AppendLine();
            var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{culture.Name}\"><body style=\"font-family:sans-serif;line-height:1.5\">")
                .Append(CultureInfo.InvariantCulture, $"<p>{Html.Encode(l["Email.Greeting", name])}</p><p>{Html.Encode(l["Digest.Lead", weekText])}</p><ul>");
            foreach (var (line, link) in lines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}: {link}");
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Html.Encode(link)}\">{Html.Encode(line)}</a></li>");
            }

            text.AppendLine().AppendLine(l["Digest.Footer", settingsLink]);
            html.Append(CultureInfo.InvariantCulture, $"</ul><p style=\"color:#666;font-size:small\">{Html.Encode(l["Digest.Footer", settingsLink])}</p></body></html>");
            return new ComposedEmail(subject, text.ToString(), html.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private sealed record DigestRecipient(int Id, string Name, string Email, string? Culture, bool IsManager, bool IsLead);
}
