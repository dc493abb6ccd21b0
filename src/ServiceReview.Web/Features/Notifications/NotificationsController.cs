using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Administration.Email;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Notifications;

/// <summary>
/// The signed-in person's notifications (通知): newest first, paged; opening one marks it read and goes to its page.
/// Everyone sees only their own: another person's notification does not exist for them (404).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NotificationsController(
    NotificationService notifications, ICurrentActor currentActor, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The signed-in person's own settings: receive notifications by e-mail or not. There is no id: nobody edits another's.</summary>
    [HttpGet]
    public async Task<IActionResult> Settings(
        [FromServices] EmailPreferences preferences, [FromServices] WeeklyDigestPreferences digest, [FromServices] IOptions<EmailOptions> email,
        CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var mine = actor.PersonId is { } person ? await preferences.GetAsync(person, cancellationToken) : null;
        var weekly = WeeklyDigestPreferences.MayHave(actor) ? await digest.GetAsync(actor.PersonId!.Value, cancellationToken) : null;
        return View(new NotificationSettingsViewModel
        {
            HasPerson = mine is not null,
            ReceivesEmail = mine?.ReceivesEmail ?? false,
            Email = mine?.Email,
            EmailConfigured = email.Value.Enabled,
            MayHaveDigest = weekly is not null,
            WeeklyDigest = weekly?.WeeklyDigest ?? false,
            LastDigestWeek = weekly?.LastWeekSent,
        });
    }

    [HttpPost]
    [ActionName(nameof(Settings))]
    public async Task<IActionResult> SaveSettings(
        NotificationSettingsViewModel form, [FromServices] EmailPreferences preferences, [FromServices] WeeklyDigestPreferences digest,
        CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PersonId is not { } person || !await preferences.SetAsync(person, form.ReceivesEmail, actor, cancellationToken))
        {
            return NotFound();
        }

        // The digest is written in the language of the page it was asked for on.
        await digest.SetAsync(actor, form.WeeklyDigest, System.Globalization.CultureInfo.CurrentUICulture.Name, cancellationToken);

        TempData.SetStatus(l[form.ReceivesEmail ? "Email.Settings.SavedOn" : "Email.Settings.SavedOff"]);
        return RedirectToAction(nameof(Settings));
    }

    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return View(new NotificationsIndexViewModel { Page = await notifications.ListAsync(actor, page, cancellationToken), HasPerson = actor.PersonId is not null });
    }

    [HttpPost]
    public async Task<IActionResult> Open(int id, CancellationToken cancellationToken)
    {
        var opened = await notifications.OpenAsync(await currentActor.GetAsync(cancellationToken), id, cancellationToken);
        return this.Answer(opened,
            ok: () => Url.IsLocalUrl(opened.Value) ? LocalRedirect(opened.Value) : RedirectToAction(nameof(Index)),
            back: () => RedirectToAction(nameof(Index)), StatusKind.Danger);
    }

    [HttpPost]
    public async Task<IActionResult> MarkAllRead(CancellationToken cancellationToken)
    {
        var count = await notifications.MarkAllReadAsync(await currentActor.GetAsync(cancellationToken), cancellationToken);
        TempData.SetStatus(l["Notifications.MarkedAllRead", count], count > 0 ? StatusKind.Success : StatusKind.Info);
        return RedirectToAction(nameof(Index));
    }
}
