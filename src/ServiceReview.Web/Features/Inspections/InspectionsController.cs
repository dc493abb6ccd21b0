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
    IStringLocalizer<SharedResource> localizer) : Controller
{
    public const int PageSize = 20;

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    [RememberListQuery]
    [HttpGet]
    public async Task<IActionResult> Index(string? q, InspectionStatus? status, int? page, int? size, [FromServices] Plans.GradeLabels grades, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        status = status is { } s && Enum.IsDefined(s) ? s : null;
        var list = await inspections.ListAsync(actor, search, status, PageRequest.Of(page, size, PageSize), UtcNow, cancellationToken);
        var gradeNames = await grades.ForVersionsAsync(list.Items.Where(i => i.Grade is not null).Select(i => i.PlanVersionId), cancellationToken);
        return View(new InspectionIndexViewModel { Page = list, GradeNames = gradeNames, Search = search, Status = status });
    }

    [HttpGet]
    public async Task<IActionResult> Fill(int id, CancellationToken cancellationToken)
    {
        var record = await inspections.OpenAsync(id, await currentActor.GetAsync(cancellationToken), UtcNow, cancellationToken);
        if (!record.IsOk)
        {
            return NotFound();
        }

        if (!record.Value.Inspection.IsEditable)
        {
            return RedirectToRecord(id);
        }

        return View(FillViewModelFactory.Create(record.Value, record.Value.Inspection.ConcurrencyStamp, null));
    }

    [HttpPost]
    public async Task<IActionResult> Fill(int id, FillForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var parseErrors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var inputs = FormInputs.Read(form, messages, parseErrors);
        string? conflict = null;
        var stamp = form.Stamp;
        SubmitOutcome? refused = null;
        IReadOnlyList<OutcomeError> inputErrors = [];

        if (parseErrors.Count == 0)
        {
            IOutcome outcome;
            if (form.Command == "submit")
            {
                var submitted = await inspections.SubmitAsync(id, form.Stamp, inputs, form.SecondsSpent, actor, UtcNow, cancellationToken);
                if (submitted.IsOk && submitted.Value.Submitted)
                {
                    TempData.SetStatus(localizer["Inspections.Flash.Submitted", ServiceReview.Web.Features.Reviews.Display.Score(submitted.Value.Score.Total),
                        Plans.GradeLabels.Of(submitted.Value.Score.Grade, submitted.Value.GradeBounds, localizer) ?? ""]);
                    return RedirectToRecord(id);
                }

                if (submitted.IsOk)
                {
                    refused = submitted.Value;
                    stamp = refused.Stamp;
                }

                outcome = submitted;
            }
            else
            {
                var saved = await inspections.SaveDraftAsync(id, form.Stamp, inputs, form.SecondsSpent, actor, UtcNow, cancellationToken);
                if (saved.IsOk)
                {
                    TempData.SetStatus(localizer["Inspections.Flash.DraftSaved"]);
                    return RedirectToAction(nameof(Fill), new { id });
                }

                outcome = saved;
            }

            switch (outcome.Status)
            {
                case OutcomeStatus.NotFound:
                case OutcomeStatus.Forbidden:
                    return NotFound();
                case OutcomeStatus.Conflict:
                    conflict = OutcomeAnswers.Messages(HttpContext.RequestServices, outcome).First().Message;
                    break;
                case OutcomeStatus.Invalid when outcome.Errors[0].DomainCode is "Inspection.AlreadySubmitted" or "Inspection.NotEditable":
                    TempData.SetStatus(localizer["Inspections.Flash.AlreadySubmitted"], StatusKind.Info);
                    return RedirectToRecord(id);
                case OutcomeStatus.Invalid:
                    inputErrors = outcome.Errors;
                    break;
            }
        }

        // Shown again with what was typed, and every problem next to its indicator and in the summary.
        var opened = await inspections.OpenAsync(id, actor, UtcNow, cancellationToken);
        if (!opened.IsOk)
        {
            return NotFound();
        }

        var record = opened.Value;
        if (!record.Inspection.IsEditable)
        {
            return RedirectToRecord(id);
        }

        var model = FillViewModelFactory.Create(record, stamp, form);
        model.Conflict = conflict;
        foreach (var (code, list) in parseErrors)
        {
            list.ForEach(m => model.AddItemError(code, m));
        }

        foreach (var error in inputErrors)
        {
            if (error.Field.Length == 0)
            {
                model.Summary.Add(new SummaryLine(messages.Localize(error)));
            }
            else
            {
                model.AddItemError(error.Field, messages.Localize(error));
            }
        }

        if (refused is not null)
        {
            AddRefusal(model, refused.Score, refused.WindowClosed);
        }

        foreach (var indicator in record.Plan.IndicatorsInOrder())
        {
            model.ItemErrors.GetValueOrDefault(indicator.Code)?
                .ForEach(p => model.Summary.Add(new SummaryLine(localizer["Inspections.Fill.SummaryLine", indicator.Code, indicator.Name, p.Message], indicator.Code, p.AboutNote)));
        }

        Response.StatusCode = conflict is null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        return View(model);
    }

    /// <summary>Autosave and 保存草稿 from the page's script: the same form fields, a JSON answer with the new stamp.</summary>
    [HttpPost("/api/inspections/{id:int}/draft")]
    public async Task<IActionResult> Draft(int id, FillForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PersonId is null)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var inputs = FormInputs.Read(form, messages, errors);
        if (errors.Count > 0)
        {
            return BadRequest(new DraftErrorResponse(localizer["Inspections.Draft.Invalid"], errors));
        }

        var saved = await inspections.SaveDraftAsync(id, form.Stamp, inputs, form.SecondsSpent, actor, UtcNow, cancellationToken);
        switch (saved.Status)
        {
            case OutcomeStatus.Ok:
                return Ok(new DraftSavedResponse(saved.Value.Stamp, saved.Value.TimeSpentSeconds, TimeText.Format(saved.Value.TimeSpentSeconds, localizer),
                    localizer["Inspections.Draft.SavedAt", localTime.ToLocal(saved.Value.SavedAtUtc).ToString("T", CultureInfo.CurrentCulture)]));
            case OutcomeStatus.Conflict:
                return Conflict(new DraftErrorResponse(OutcomeAnswers.Messages(HttpContext.RequestServices, saved).First().Message, null));
            case OutcomeStatus.Invalid when saved.Errors[0].DomainCode == "Inspection.NotEditable":
                return Conflict(new DraftErrorResponse(localizer["Inspections.Flash.AlreadySubmitted"], null));
            case OutcomeStatus.Invalid:
                foreach (var error in saved.Errors)
                {
                    ServiceReview.Web.Features.Plans.ScoreItemsReader.Add(errors, error.Field, messages.Localize(error));
                }

                return BadRequest(new DraftErrorResponse(localizer["Inspections.Draft.Invalid"], errors));
            default:
                return NotFound();
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
        var source = await inspections.PreviewSourceAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken);
        if (!source.IsOk)
        {
            return NotFound();
        }

        var (inputs, problem) = await ServiceReview.Web.Features.Plans.ScoreItemsReader.ReadAsync(Request, source.Value.Plan, messages, acceptOverridden: false, cancellationToken);
        if (problem is not null)
        {
            return BadRequest(problem);
        }

        return Ok(ServiceReview.Web.Features.Plans.ScorePreviewDto.From(source.Value.Preview(inputs)));
    }

    /// <summary>
    /// The old address of the inspector's read-only record: the record now has one page for everyone who may see it
    /// (<c>/inspections/{id}</c>, Features/Records), which decides who sees it; old links (notifications, bookmarks) land there.
    /// </summary>
    [HttpGet]
    [AllowAnonymous]
    public IActionResult Details(int id) => RedirectToRecord(id);

    /// <summary>A submitted record is read on its record page (issue #14), by everyone who may see it.</summary>
    private RedirectResult RedirectToRecord(int id) => Redirect(string.Create(CultureInfo.InvariantCulture, $"/inspections/{id}"));

    private void AddRefusal(FillViewModel model, ScoreResult score, bool windowClosed)
    {
        if (windowClosed)
        {
            model.Summary.Add(new SummaryLine(localizer["Inspections.Fill.WindowClosed"]));
        }

        if (score.NothingApplicable && score.IsComplete)
        {
            model.Summary.Add(new SummaryLine(localizer["Inspections.Fill.NothingApplicable"]));
        }

        foreach (var code in score.Missing)
        {
            model.AddItemError(code, localizer["Inspections.Fill.MissingInput"]);
        }

        foreach (var code in score.MissingEvidence)
        {
            model.AddItemError(code, localizer["Inspections.Fill.MissingEvidence"], aboutNote: true);
        }
    }
}

public sealed record DraftSavedResponse(Guid Stamp, int TimeSpentSeconds, string TimeSpent, string Message);

public sealed record DraftErrorResponse(string Detail, IReadOnlyDictionary<string, List<string>>? Errors);
