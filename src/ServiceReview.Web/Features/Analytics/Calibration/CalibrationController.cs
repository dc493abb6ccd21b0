using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Analytics.Calibration;

/// <summary>
/// Calibration exercises (校准): a manager sets one on a team's records; each chosen inspector and the manager (reference)
/// score it blind; the manager reveals the spread. Participants and managers only; anyone else gets 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CalibrationController(
    CalibrationService calibration, ICurrentActor currentActor, DomainErrorLocalizer errors, InputErrorMessages inputMessages,
    IStringLocalizer<SharedResource> l) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(string? q, int? page, int? size, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        return View(new CalibrationIndexViewModel
        {
            IsManager = actor.IsManager,
            Exercises = await calibration.ListAsync(actor.PersonId, actor.IsManager, search, PageRequest.Of(page, size), cancellationToken),
            Search = search,
        });
    }

    [Authorize(Policy = Policies.ManagerOrAdmin)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(new CalibrationCreateViewModel { Form = new CalibrationForm(), Choices = await calibration.ChoicesAsync(cancellationToken) });

    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpPost]
    public async Task<IActionResult> Create(CalibrationForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var actor = await currentActor.GetAsync(cancellationToken);
                var id = await calibration.CreateAsync(actor, new NewCalibration(
                    form.Name!, form.TeamId, form.PlanVersionId, form.PeriodStart!.Value, form.PeriodEnd!.Value, form.CountsTowardBias, form.InspectorIds), cancellationToken);
                TempData.SetStatus(l["Calibration.Created"]);
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError("", Refusal(ex));
            }
        }

        return View(new CalibrationCreateViewModel { Form = form, Choices = await calibration.ChoicesAsync(cancellationToken) });
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await BuildAsync(id, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Score(int id, FillForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var view = await calibration.GetAsync(actor.PersonId, false, id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        if (!view.CanScore)
        {
            // A second click, or the scores were revealed meanwhile: nothing to do, say so kindly.
            TempData.SetStatus(l["Calibration.AlreadyScored"], StatusKind.Info);
            return RedirectToAction(nameof(Details), new { id });
        }

        var inputErrors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var inputs = FormInputs.Read(form, inputMessages, inputErrors);
        foreach (var (code, messages) in inputErrors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError("", $"{code}: {message}");
            }
        }

        if (ModelState.IsValid)
        {
            try
            {
                await calibration.SubmitAsync(actor, id, form.Stamp, inputs, cancellationToken);
                TempData.SetStatus(l["Calibration.Scored"]);
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError("", ex is CalibrationRefusedException ? Refusal(ex) : inputMessages.Localize(ex));
            }
        }

        var model = await BuildAsync(id, form, cancellationToken);
        return model is null ? NotFound() : View(nameof(Details), model);
    }

    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpPost]
    public async Task<IActionResult> Reveal(int id, Guid stamp, bool countsTowardBias, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        try
        {
            if (!await calibration.RevealAsync(actor, id, stamp, countsTowardBias, cancellationToken))
            {
                return NotFound();
            }

            TempData.SetStatus(l["Calibration.Revealed"]);
        }
        catch (DomainException ex)
        {
            TempData.SetStatus(Refusal(ex), StatusKind.Warning);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Calibration refusals carry this feature's own texts; anything else goes through the domain translations.</summary>
    private string Refusal(DomainException ex) =>
        ex is CalibrationRefusedException refused ? l["Calibration.Refusal." + refused.Reason].Value : errors.Localize(ex);

    private async Task<CalibrationDetailsViewModel?> BuildAsync(int id, FillForm? form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var view = await calibration.GetAsync(actor.PersonId, actor.IsManager, id, cancellationToken);
        if (view is null)
        {
            return null;
        }

        return new CalibrationDetailsViewModel
        {
            View = view,
            MyPersonId = actor.PersonId,
            Items = form?.Items.Where(i => !string.IsNullOrEmpty(i.Code)).GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
                ?? new Dictionary<string, ItemForm>(StringComparer.Ordinal),
        };
    }
}
