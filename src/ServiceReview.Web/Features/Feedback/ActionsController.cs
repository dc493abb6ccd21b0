using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Feedback;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Feedback;

/// <summary>
/// Corrective actions (整改跟踪): raise on weak indicators, report done, verify (核实) or send back. Every user sees the
/// actions relevant to them; an action outside that set does not exist for them (404).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ActionsController(
    CorrectiveActionService actions, AttachmentService attachments, IOptions<AttachmentOptions> attachmentOptions, ICurrentActor currentActor,
    IStringLocalizer<SharedResource> l) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(CorrectiveActionStatus? status, bool overdue, string? q, int? page, int? size, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        status = status is { } s && Enum.IsDefined(s) ? s : null;
        var list = await actions.PageAsync(actor, status, overdue, search, PageRequest.Of(page, size), cancellationToken);
        return View(new ActionIndexViewModel { Actions = list, Status = status, Overdue = overdue, Search = search });
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var detail = await actions.GetAsync(await currentActor.GetAsync(cancellationToken), id, cancellationToken);
        return detail is null ? NotFound() : View(new ActionDetailsViewModel
        {
            Detail = detail,
            Form = new ActionTransitionForm { Id = id, Stamp = detail.ConcurrencyStamp },
            MaxFileBytes = attachmentOptions.Value.MaxFileBytes,
        });
    }

    public async Task<IActionResult> Create(int roundId, int teamId, int? inspectionId, CancellationToken cancellationToken)
    {
        var context = await actions.GetRaiseContextAsync(await currentActor.GetAsync(cancellationToken), roundId, teamId, inspectionId, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var form = new RaiseActionsForm
        {
            RoundId = roundId,
            TeamId = teamId,
            InspectionId = inspectionId,
            OwnerId = context.Owners.Count > 0 ? context.Owners[0].Id : null,
            DueDate = (await actions.TodayOfTeamAsync(teamId, cancellationToken)).AddDays(14),
            Items = context.Candidates.Select(c => new RaiseActionItem { Code = c.Code, Selected = c.IsWeak }).ToList(),
        };
        return View(new RaiseActionsViewModel { Context = context, Form = form });
    }

    [HttpPost]
    public async Task<IActionResult> Create(RaiseActionsForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var context = await actions.GetRaiseContextAsync(actor, form.RoundId, form.TeamId, form.InspectionId, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var selected = form.Items.Select((item, index) => (Item: item, Field: $"Items[{index}]")).Where(i => i.Item.Selected).ToList();
        if (selected.Count == 0)
        {
            ModelState.AddModelError("", l["Actions.Create.NoneSelected"]);
        }

        for (var index = 0; index < form.Items.Count; index++)
        {
            if (form.Items[index].Selected && string.IsNullOrWhiteSpace(form.Items[index].Description))
            {
                ModelState.AddModelError($"Items[{index}].Description", l["Actions.Create.DescriptionRequired", form.Items[index].Code]);
            }
        }

        IActionResult Form() => View(new RaiseActionsViewModel { Context = context, Form = form });
        if (!ModelState.IsValid)
        {
            return Form();
        }

        var raised = await actions.RaiseAsync(actor, form.RoundId, form.TeamId, form.InspectionId,
            selected.Select(i => new NewAction(i.Item.Code, i.Item.Description!, i.Item.OwnerId, i.Item.DueDate, i.Field)).ToList(),
            form.OwnerId!.Value, form.DueDate!.Value, cancellationToken);
        return this.Answer(raised, ok: () =>
        {
            TempData.SetStatus(l["Actions.Create.Done", raised.Value.Count]);
            return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
        }, form: Form);
    }

    /// <summary>
    /// The owner or the lead reports the action done, with optional proof files: checked before anything is written (a
    /// refused file comes back next to the file input, 413/415, with the report kept), then stored with the status change.
    /// </summary>
    [HttpPost]
    [RequestSizeLimit(FormEvidence.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = FormEvidence.MaxRequestBytes)]
    public async Task<IActionResult> ReportDone(ActionTransitionForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var detail = await actions.GetAsync(actor, form.Id, cancellationToken);
        if (detail is null || !detail.CanReportDone)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(form.Text))
        {
            ModelState.AddModelError(nameof(form.Text), l["Actions.TextRequired"]);
        }

        var check = await FormEvidence.CheckAsync(attachments, [new EvidenceGroup(nameof(form.Files), form.Files)], detail.InspectionId, cancellationToken);
        FormEvidence.AddTo(ModelState, Response, l, check);
        if (!ModelState.IsValid)
        {
            return View(nameof(Details), new ActionDetailsViewModel
            {
                Detail = detail,
                Form = form,
                MaxFileBytes = attachmentOptions.Value.MaxFileBytes,
                FilesDropped = form.Files.Any(FormEvidence.IsPresent),
            });
        }

        var done = await actions.ReportDoneAsync(actor, form.Id, form.Stamp, form.Text!, check.Files[0], cancellationToken);
        return this.Answer(done, ok: () =>
        {
            TempData.SetStatus(l["Actions.ReportedDone"]);
            return RedirectToAction(nameof(Details), new { id = form.Id });
        }, back: () => RedirectToAction(nameof(Details), new { id = form.Id }), StatusKind.Warning);
    }

    [HttpPost]
    public Task<IActionResult> Verify(ActionTransitionForm form, CancellationToken cancellationToken) =>
        TransitionAsync(form, "Actions.Verified", requireText: false,
            actor => actions.VerifyAsync(actor, form.Id, form.Stamp, form.Text, cancellationToken), cancellationToken);

    [HttpPost]
    public Task<IActionResult> SendBack(ActionTransitionForm form, CancellationToken cancellationToken) =>
        TransitionAsync(form, "Actions.SentBack", requireText: true,
            actor => actions.SendBackAsync(actor, form.Id, form.Stamp, form.Text ?? "", cancellationToken), cancellationToken);

    private async Task<IActionResult> TransitionAsync(
        ActionTransitionForm form, string doneKey, bool requireText, Func<Actor, Task<Outcome>> transition, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (requireText && string.IsNullOrWhiteSpace(form.Text))
        {
            var detail = await actions.GetAsync(actor, form.Id, cancellationToken);
            if (detail is null)
            {
                return NotFound();
            }

            ModelState.AddModelError(nameof(form.Text), l["Actions.TextRequired"]);
            return View(nameof(Details), new ActionDetailsViewModel { Detail = detail, Form = form, MaxFileBytes = attachmentOptions.Value.MaxFileBytes });
        }

        // A second click or a colleague who was faster: the state machine refuses; the page says why, with the current state.
        var done = await transition(actor);
        return this.Answer(done, ok: () =>
        {
            TempData.SetStatus(l[doneKey]);
            return Back();
        }, back: Back, StatusKind.Warning);

        RedirectToActionResult Back() => RedirectToAction(nameof(Details), new { id = form.Id });
    }
}
