using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;
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
    DomainErrorLocalizer domainErrors,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new EmailIndexViewModel { Overview = await email.OverviewAsync(cancellationToken) });

    [HttpPost]
    public async Task<IActionResult> SendTest(CancellationToken cancellationToken)
    {
        var outcome = await email.QueueTestAsync(await currentActor.GetAsync(cancellationToken), cancellationToken);
        switch (outcome)
        {
            case TestEmailOutcome.Queued:
                TempData.SetStatus(l["Email.Admin.TestQueued"]);
                break;
            case TestEmailOutcome.EmailOff:
                TempData.SetStatus(l["Email.Admin.TestEmailOff"], StatusKind.Warning);
                break;
            default:
                TempData.SetStatus(l["Email.Admin.TestNoAddress"], StatusKind.Warning);
                break;
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> Retry(int id, CancellationToken cancellationToken)
    {
        try
        {
            if (!await email.RetryAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken))
            {
                return NotFound();
            }

            TempData.SetStatus(l["Email.Admin.Retried"]);
        }
        catch (DomainException ex)
        {
            // A second click on "send again": the e-mail is already queued.
            TempData.SetStatus(domainErrors.Localize(ex), StatusKind.Info);
        }

        return RedirectToAction(nameof(Index));
    }
}
