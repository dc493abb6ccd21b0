using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Feedback;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Feedback;

/// <summary>
/// Corrective actions (整改跟踪): raise on weak indicators, report done, verify (核实) or send back. Every user sees the
/// actions relevant to them; an action outside that set does not exist for them (404).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ActionsController(
    CorrectiveActionService actions, ICurrentActor currentActor, DomainErrorLocalizer errors, IStringLocalizer<SharedResource> l) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(CorrectiveActionStatus? status, bool overdue, string? q, int? page, int? size, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        status = status is { } s && Enum.IsDefined(s) ? s : null;
        var list = await actions.PageAsync(viewer, status, overdue, search, PageRequest.Of(page, size), cancellationToken);
        return View(new ActionIndexViewModel { Actions = list, Status = status, Overdue = overdue, Search = search });
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var detail = await actions.GetAsync(await ViewerAsync(cancellationToken), id, cancellationToken);
        return detail is null ? NotFound() : View(new ActionDetailsViewModel { Detail = detail, Form = new ActionTransitionForm { Id = id, Stamp = detail.ConcurrencyStamp } });
    }

    public async Task<IActionResult> Create(int roundId, int teamId, int? inspectionId, CancellationToken cancellationToken)
    {
        var context = await actions.GetRaiseContextAsync(await ViewerAsync(cancellationToken), roundId, teamId, inspectionId, cancellationToken);
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
        var viewer = await ViewerAsync(cancellationToken);
        var context = await actions.GetRaiseContextAsync(viewer, form.RoundId, form.TeamId, form.InspectionId, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var selected = form.Items.Where(i => i.Selected).ToList();
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

        if (ModelState.IsValid)
        {
            try
            {
                var actor = await currentActor.GetAsync(cancellationToken);
                var ids = await actions.RaiseAsync(actor, viewer, form.RoundId, form.TeamId, form.InspectionId,
                    selected.Select(i => new NewAction(i.Code, i.Description!)).ToList(), form.OwnerId!.Value, form.DueDate!.Value, cancellationToken);
                if (ids is null)
                {
                    return NotFound();
                }

                TempData.SetStatus(l["Actions.Create.Done", ids.Count]);
                return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
            }
            catch (DomainException ex)
            {
                errors.AddTo(ModelState, ex);
            }
        }

        return View(new RaiseActionsViewModel { Context = context, Form = form });
    }

    [HttpPost]
    public Task<IActionResult> ReportDone(ActionTransitionForm form, CancellationToken cancellationToken) =>
        TransitionAsync(form, "Actions.ReportedDone", requireText: true,
            (actor, viewer) => actions.ReportDoneAsync(actor, viewer, form.Id, form.Stamp, form.Text ?? "", cancellationToken), cancellationToken);

    [HttpPost]
    public Task<IActionResult> Verify(ActionTransitionForm form, CancellationToken cancellationToken) =>
        TransitionAsync(form, "Actions.Verified", requireText: false,
            (actor, viewer) => actions.VerifyAsync(actor, viewer, form.Id, form.Stamp, form.Text, cancellationToken), cancellationToken);

    [HttpPost]
    public Task<IActionResult> SendBack(ActionTransitionForm form, CancellationToken cancellationToken) =>
        TransitionAsync(form, "Actions.SentBack", requireText: true,
            (actor, viewer) => actions.SendBackAsync(actor, viewer, form.Id, form.Stamp, form.Text ?? "", cancellationToken), cancellationToken);

    private async Task<IActionResult> TransitionAsync(
        ActionTransitionForm form, string doneKey, bool requireText, Func<Core.Audit.Actor, ActionViewer, Task<bool>> transition, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        var detail = await actions.GetAsync(viewer, form.Id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        if (requireText && string.IsNullOrWhiteSpace(form.Text))
        {
            ModelState.AddModelError(nameof(form.Text), l["Actions.TextRequired"]);
            return View(nameof(Details), new ActionDetailsViewModel { Detail = detail, Form = form });
        }

        try
        {
            var actor = await currentActor.GetAsync(cancellationToken);
            if (!await transition(actor, viewer))
            {
                return NotFound();
            }

            TempData.SetStatus(l[doneKey]);
        }
        catch (DomainException ex)
        {
            // A second click or a colleague who was faster: the state machine refused; show why, with the current state.
            TempData.SetStatus(errors.Localize(ex), StatusKind.Warning);
        }

        return RedirectToAction(nameof(Details), new { id = form.Id });
    }

    private async Task<ActionViewer> ViewerAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return new ActionViewer(actor.PersonId, actor.IsManager);
    }
}
