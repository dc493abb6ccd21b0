using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Administration.Email;

/// <summary>
/// The administrator's e-mail page (邮件): whether e-mail is configured (never the password), the outbox counts, the last
/// failures with their errors, a test e-mail to oneself, and "send again" for a failed e-mail.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EmailController(
    EmailAdminService email,
    ICurrentActor currentActor,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new EmailIndexViewModel { Overview = await email.OverviewAsync(cancellationToken) });

    [HttpPost]
    public async Task<IActionResult> SendTest(CancellationToken cancellationToken)
    {
        var queued = await email.QueueTestAsync(await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(queued, ok: () => Done("Email.Admin.TestQueued"), back: () => RedirectToAction(nameof(Index)), StatusKind.Warning);
    }

    [HttpPost]
    public async Task<IActionResult> Retry(int id, CancellationToken cancellationToken)
    {
        // A second click on "send again": the e-mail is already queued, which the page says as information.
        var retried = await email.RetryAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(retried, ok: () => Done("Email.Admin.Retried"), back: () => RedirectToAction(nameof(Index)), StatusKind.Info);
    }

    private RedirectToActionResult Done(string message)
    {
        TempData.SetStatus(l[message]);
        return RedirectToAction(nameof(Index));
    }
}
