using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>
/// The inspector's own inspection records (我的检查): the list, the checklist form (检查记录表) with drafts, autosave
/// and submission, and the read-only record. Another inspector's record is a 404; other roles are refused by the policy.
/// </summary>
[Authorize(Policy = Policies.Inspector)]
public sealed class InspectionsController(
    InspectionService inspections,
    ICurrentActor currentActor,
    TimeProvider clock,
    OrganisationClock localTime,
    InputErrorMessages messages,
    DomainErrorLocalizer domainErrors,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    public const int PageSize = 20;

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    [RememberListQuery]
    [HttpGet]
    public async Task<IActionResult> Index(string? q, InspectionStatus? status, int? page, int? size, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        status = status is { } s && Enum.IsDefined(s) ? s : null;
        var request = PageRequest.Of(page, size, PageSize);
        var list = actor.PersonId is { } personId
            ? await inspections.ListAsync(personId, search, status, request, UtcNow, cancellationToken)
            : Paged.Empty<InspectionListItem>(request);
        return View(new InspectionIndexViewModel { Page = list, Search = search, Status = status });
    }

    [HttpGet]
    public async Task<IActionResult> Fill(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var record = actor.PersonId is { } personId ? await inspections.OpenAsync(id, personId, UtcNow, cancellationToken) : null;
        if (record is null)
        {
            return NotFound();
        }

        if (!record.Inspection.IsEditable)
        {
            return RedirectToAction(nameof(Details), new { id });
        }

        return View(FillViewModelFactory.Create(record, record.Inspection.ConcurrencyStamp, null));
    }

    [HttpPost]
    public async Task<IActionResult> Fill(int id, FillForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PersonId is not { } personId)
        {
            return NotFound();
        }

        var parseErrors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var inputs = FormInputs.Read(form, messages, parseErrors);
        string? conflict = null;
        var stamp = form.Stamp;
        SubmitOutcome? refused = null;
        IReadOnlyList<InputError> inputErrors = [];

        if (parseErrors.Count == 0)
        {
            try
            {
                if (form.Command == "submit")
                {
                    var outcome = await inspections.SubmitAsync(id, personId, form.Stamp, inputs, form.SecondsSpent, actor, UtcNow, cancellationToken);
                    if (outcome is null)
                    {
                        return NotFound();
                    }

                    if (outcome.Submitted)
                    {
                        TempData.SetStatus(localizer["Inspections.Flash.Submitted", ServiceReview.Web.Features.Reviews.Display.Score(outcome.Score.Total), outcome.Score.Grade]);
                        return RedirectToAction(nameof(Details), new { id });
                    }

                    refused = outcome;
                    stamp = outcome.Stamp;
                }
                else
                {
                    var saved = await inspections.SaveDraftAsync(id, personId, form.Stamp, inputs, form.SecondsSpent, actor, UtcNow, cancellationToken);
                    if (saved is null)
                    {
                        return NotFound();
                    }

                    TempData.SetStatus(localizer["Inspections.Flash.DraftSaved"]);
                    return RedirectToAction(nameof(Fill), new { id });
                }
            }
            catch (InvalidInputsException ex)
            {
                inputErrors = ex.Errors;
            }
            catch (ConcurrencyConflictException ex)
            {
                conflict = domainErrors.Localize(ex);
            }
            catch (DomainException ex) when (ex.Code is "Inspection.AlreadySubmitted" or "Inspection.NotEditable")
            {
                TempData.SetStatus(localizer["Inspections.Flash.AlreadySubmitted"], StatusKind.Info);
                return RedirectToAction(nameof(Details), new { id });
            }
        }

        // Shown again with what was typed, and every problem next to its indicator and in the summary.
        var record = await inspections.OpenAsync(id, personId, UtcNow, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        if (!record.Inspection.IsEditable)
        {
            return RedirectToAction(nameof(Details), new { id });
        }

        var model = FillViewModelFactory.Create(record, stamp, form);
        model.Conflict = conflict;
        foreach (var (code, list) in parseErrors)
        {
            list.ForEach(m => model.AddItemError(code, m));
        }

        foreach (var error in inputErrors)
        {
            model.AddItemError(error.IndicatorCode, messages.Localize(error.Refusal));
        }

        if (refused is not null)
        {
            AddRefusal(model, refused.Score, refused.WindowClosed);
        }

        foreach (var indicator in record.Plan.IndicatorsInOrder())
        {
            model.ItemErrors.GetValueOrDefault(indicator.Code)?
                .ForEach(m => model.Summary.Add(localizer["Inspections.Fill.SummaryLine", indicator.Code, indicator.Name, m]));
        }

        Response.StatusCode = conflict is null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        return View(model);
    }

    /// <summary>Autosave and 保存草稿 from the page's script: the same form fields, a JSON answer with the new stamp.</summary>
    [HttpPost("/api/inspections/{id:int}/draft")]
    public async Task<IActionResult> Draft(int id, FillForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PersonId is not { } personId)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var inputs = FormInputs.Read(form, messages, errors);
        if (errors.Count > 0)
        {
            return BadRequest(new DraftErrorResponse(localizer["Inspections.Draft.Invalid"], errors));
        }

        try
        {
            var saved = await inspections.SaveDraftAsync(id, personId, form.Stamp, inputs, form.SecondsSpent, actor, UtcNow, cancellationToken);
            if (saved is null)
            {
                return NotFound();
            }

            return Ok(new DraftSavedResponse(saved.Stamp, saved.TimeSpentSeconds, TimeText.Format(saved.TimeSpentSeconds, localizer),
                localizer["Inspections.Draft.SavedAt", localTime.ToLocal(saved.SavedAtUtc).ToString("T", CultureInfo.CurrentCulture)]));
        }
        catch (InvalidInputsException ex)
        {
            foreach (var error in ex.Errors)
            {
                ServiceReview.Web.Features.Plans.ScoreItemsReader.Add(errors, error.IndicatorCode, messages.Localize(error.Refusal));
            }

            return BadRequest(new DraftErrorResponse(localizer["Inspections.Draft.Invalid"], errors));
        }
        catch (ConcurrencyConflictException ex)
        {
            return Conflict(new DraftErrorResponse(domainErrors.Localize(ex), null));
        }
        catch (DomainException ex) when (ex.Code == "Inspection.NotEditable")
        {
            return Conflict(new DraftErrorResponse(localizer["Inspections.Flash.AlreadySubmitted"], null));
        }
    }

    /// <summary>
    /// The form's live score (contracts.md): the same request and answer as <c>POST /api/plans/{id}/score</c>, scored
    /// against this record, whose stored measured figures decide which inputs are overrides (listed in
    /// <c>overridden</c>; an override needs a note). Changes nothing. Another inspector's record is a 404.
    /// </summary>
    [HttpPost("/api/inspections/{id:int}/score")]
    public async Task<IActionResult> Score(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var source = actor.PersonId is { } personId ? await inspections.PreviewSourceAsync(id, personId, cancellationToken) : null;
        if (source is null)
        {
            return NotFound();
        }

        var (inputs, problem) = await ServiceReview.Web.Features.Plans.ScoreItemsReader.ReadAsync(Request, source.Plan, messages, acceptOverridden: false, cancellationToken);
        if (problem is not null)
        {
            return BadRequest(problem);
        }

        return Ok(ServiceReview.Web.Features.Plans.ScorePreviewDto.From(source.Preview(inputs)));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var record = actor.PersonId is { } personId ? await inspections.DetailsAsync(id, personId, UtcNow, cancellationToken) : null;
        if (record is null)
        {
            return NotFound();
        }

        if (record.Inspection.IsEditable)
        {
            return RedirectToAction(nameof(Fill), new { id });
        }

        return View(new DetailsViewModel { Record = record });
    }

    private void AddRefusal(FillViewModel model, ScoreResult score, bool windowClosed)
    {
        if (windowClosed)
        {
            model.Summary.Add(localizer["Inspections.Fill.WindowClosed"]);
        }

        if (score.NothingApplicable && score.IsComplete)
        {
            model.Summary.Add(localizer["Inspections.Fill.NothingApplicable"]);
        }

        foreach (var code in score.Missing)
        {
            model.AddItemError(code, localizer["Inspections.Fill.MissingInput"]);
        }

        foreach (var code in score.MissingEvidence)
        {
            model.AddItemError(code, localizer["Inspections.Fill.MissingEvidence"]);
        }
    }
}

public sealed record DraftSavedResponse(Guid Stamp, int TimeSpentSeconds, string TimeSpent, string Message);

public sealed record DraftErrorResponse(string Detail, IReadOnlyDictionary<string, List<string>>? Errors);
