using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Analytics.Calibration;

/// <summary>
/// Calibration exercises (校准): a manager sets one on a team's records; each chosen inspector and the manager (reference)
/// score it blind; the manager reveals the spread. Participants and managers only; anyone else gets 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CalibrationController(
    CalibrationService calibration, ICurrentActor currentActor, InputErrorMessages inputMessages,
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
            Exercises = await calibration.ListAsync(actor, search, PageRequest.Of(page, size), cancellationToken),
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
        var outcome = ModelState.IsValid
            ? await calibration.CreateAsync(await currentActor.GetAsync(cancellationToken), new NewCalibration(
                form.Name!, form.TeamId, form.PlanVersionId, form.PeriodStart!.Value, form.PeriodEnd!.Value, form.CountsTowardBias, form.InspectorIds), cancellationToken)
            : null;
        if (outcome is { IsOk: true })
        {
            TempData.SetStatus(l["Calibration.Created"]);
            return RedirectToAction(nameof(Details), new { id = outcome.Value });
        }

        var choices = await calibration.ChoicesAsync(cancellationToken);
        IActionResult Form() => View(new CalibrationCreateViewModel { Form = form, Choices = choices });
        return outcome is null ? Form() : this.Answer(outcome, ok: Form, form: Form);
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
        var view = await calibration.GetAsync(actor, id, cancellationToken);
        if (view is null || actor.PersonId is not { } me || !view.Exercise.IsParticipant(me))
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

        var outcome = ModelState.IsValid ? await calibration.SubmitAsync(actor, id, form.Stamp, inputs, cancellationToken) : null;
        if (outcome is { IsOk: true })
        {
            TempData.SetStatus(l["Calibration.Scored"]);
            return RedirectToAction(nameof(Details), new { id });
        }

        var model = await BuildAsync(id, form, cancellationToken);
        IActionResult Form() => model is null ? NotFound() : View(nameof(Details), model);
        return outcome is null ? Form() : this.Answer(outcome, ok: Form, form: Form);
    }

    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpPost]
    public async Task<IActionResult> Reveal(int id, Guid stamp, bool countsTowardBias, CancellationToken cancellationToken)
    {
        var outcome = await calibration.RevealAsync(await currentActor.GetAsync(cancellationToken), id, stamp, countsTowardBias, cancellationToken);
        return this.Answer(outcome, ok: () =>
        {
            TempData.SetStatus(l["Calibration.Revealed"]);
            return RedirectToAction(nameof(Details), new { id });
        }, back: () => RedirectToAction(nameof(Details), new { id }), StatusKind.Warning);
    }

    private async Task<CalibrationDetailsViewModel?> BuildAsync(int id, FillForm? form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var view = await calibration.GetAsync(actor, id, cancellationToken);
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
