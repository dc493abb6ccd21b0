using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>Managers plan rounds (考评批次), open them, watch their inspections, reassign, reopen and close.</summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class RoundsController(
    RoundQueries queries,
    RoundService rounds,
    ICurrentActor currentActor,
    IStringLocalizer<SharedResource> l,
    OrganisationClock clock) : Controller
{
    public const int PageSize = 20;

    [RememberListQuery]
    [HttpGet]
    public async Task<IActionResult> Index(string? q, RoundStatus? status, int? page, int? size, CancellationToken cancellationToken = default)
    {
        var search = PagingExtensions.NormaliseSearch(q);
        status = status is { } s && Enum.IsDefined(s) ? s : null;
        var result = await queries.ListAsync(new RoundListQuery(search, status, PageRequest.Of(page, size, PageSize)), cancellationToken);
        return View(new RoundIndexViewModel(result, search, status));
    }

    /// <summary>The round, its totals, and a page of its teams: search (team, project, lead, inspector), order and page in the query string.</summary>
    [HttpGet]
    public async Task<IActionResult> Details(int id, string? q, RoundTeamSort? sort, int? page, int? size, CancellationToken cancellationToken)
    {
        var search = PagingExtensions.NormaliseSearch(q);
        var order = sort is { } s && Enum.IsDefined(s) ? s : RoundTeamSort.Project;
        var round = await queries.DetailsAsync(id, new RoundDetailsQuery(search, order, PageRequest.Of(page, size, PageSize)), cancellationToken);
        return round is null ? NotFound() : View(new RoundDetailsViewModel(round, search, order));
    }

    /// <summary>
    /// The reassign page for the inspections chosen on the details page (one, from a row's button, or several, ticked):
    /// the inspectors who may take all of them and those left out with the reasons, read only now (issue #15).
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Reassign(int id, [FromQuery(Name = "inspection")] int[]? inspection, string? returnUrl, CancellationToken cancellationToken)
    {
        if (inspection is not { Length: > 0 })
        {
            return Missing(id, "Rounds.ReassignSeveral.NoneChosen");
        }

        return await ReassignPageAsync(id, inspection, null, returnUrl, cancellationToken);
    }

    /// <summary>Reassigns the chosen inspections to one inspector, all or none; refused ones are listed on the reassign page with the reason.</summary>
    [HttpPost]
    public async Task<IActionResult> ReassignSeveral(int id, ReassignSeveralInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var items = input.Items.Select(i => new ReassignItem(i.InspectionId, i.ConcurrencyStamp)).ToList();
        if (input.InspectorId is not { } inspectorId)
        {
            ModelState.AddModelError(nameof(input.InspectorId), l["Rounds.Reassign.InspectorRequired"]);
            return await ReassignPageAsync(id, [.. items.Select(i => i.InspectionId)], null, input.ReturnUrl, cancellationToken);
        }

        var reassigned = await rounds.ReassignSeveralAsync(id, items, inspectorId, await currentActor.GetAsync(cancellationToken), cancellationToken);
        if (reassigned.Status is OutcomeStatus.Invalid)
        {
            var refused = OutcomeAnswers.Messages(HttpContext.RequestServices, reassigned).ToList();
            return await ReassignPageAsync(id, [.. items.Select(i => i.InspectionId)], refused, input.ReturnUrl, cancellationToken);
        }

        return this.Answer(reassigned,
            ok: () =>
            {
                TempData.SetStatus(l["Rounds.ReassignSeveral.Done", reassigned.Value]);
                return Redirect(BackToDetails(id, input.ReturnUrl));
            },
            back: () => Redirect(BackToDetails(id, input.ReturnUrl)),
            StatusKind.Danger);
    }

    /// <summary>"提醒逾期检查人": every inspector with an overdue inspection in this round, once; says how many.</summary>
    [HttpPost]
    public async Task<IActionResult> RemindLate(int id, string? returnUrl, CancellationToken cancellationToken)
    {
        var reminded = await rounds.RemindLateAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken);
        if (reminded.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }

        TempData.SetStatus(ReminderMessage(reminded.Value), reminded.Value.Reminded > 0 ? StatusKind.Success : StatusKind.Info);
        return Redirect(BackToDetails(id, returnUrl));
    }

    /// <summary>The same for every round whose window closed in the last two weeks, from the rounds list.</summary>
    [HttpPost]
    public async Task<IActionResult> RemindAllLate(CancellationToken cancellationToken)
    {
        var reminded = await rounds.RemindLateAsync(null, await currentActor.GetAsync(cancellationToken), cancellationToken);
        TempData.SetStatus(ReminderMessage(reminded.Value), reminded.Value.Reminded > 0 ? StatusKind.Success : StatusKind.Info);
        return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var options = await queries.FormOptionsAsync(cancellationToken);
        var today = clock.Today;
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        // Issue #17: the proposed name is free (a suffix " (2)"… when last month's round exists) and the
        // submission window is open from the start of today, so a round opened at once can be filled today.
        var name = await queries.FreeNameAsync(l["Rounds.Form.DefaultName", lastMonth.Year, lastMonth.Month], cancellationToken);
        var form = new RoundFormViewModel
        {
            Name = name,
            PeriodStart = lastMonth,
            PeriodEnd = lastMonth.AddMonths(1).AddDays(-1),
            PlanVersionId = options.Plans.Count > 0 ? options.Plans[0].Id : null,
            WindowOpensAt = today.ToDateTime(TimeOnly.MinValue),
            WindowClosesAt = today.AddDays(14).ToDateTime(new TimeOnly(18, 0)),
            Options = options,
        };
        return View("Form", form);
    }

    [HttpPost]
    public async Task<IActionResult> Create(RoundFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        return await SaveAsync(form, cancellationToken);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var draft = await queries.DraftAsync(id, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        if (draft.Status != RoundStatus.Draft)
        {
            TempData.SetStatus(l["Rounds.Edit.NotDraft"], StatusKind.Warning);
            return RedirectToAction(nameof(Details), new { id });
        }

        var form = RoundFormViewModel.From(draft.Input, clock, draft.Id, draft.ConcurrencyStamp);
        form.Options = await queries.FormOptionsAsync(cancellationToken);
        return View("Form", form);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, RoundFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = id;
        return await SaveAsync(form, cancellationToken);
    }

    [HttpPost]
    public async Task<IActionResult> Open(int id, Guid concurrencyStamp, CancellationToken cancellationToken)
    {
        var opened = await rounds.OpenAsync(id, concurrencyStamp, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return Act(id, opened, () => l["Rounds.Open.Done", opened.Value], ("Round.NotDraft", "Rounds.Open.AlreadyOpen"));
    }

    [HttpPost]
    public async Task<IActionResult> Close(int id, Guid concurrencyStamp, CancellationToken cancellationToken)
    {
        var closed = await rounds.CloseAsync(id, concurrencyStamp, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return Act(id, closed, () => l["Rounds.Close.Done"], ("Round.NotOpen", "Rounds.Close.AlreadyClosed"));
    }

    [HttpPost]
    public async Task<IActionResult> Delete(int id, Guid concurrencyStamp, CancellationToken cancellationToken)
    {
        var deleted = await rounds.DeleteDraftAsync(id, concurrencyStamp, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(deleted,
            ok: () =>
            {
                TempData.SetStatus(l["Rounds.Delete.Done"]);
                return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
            },
            back: () => RedirectToAction(nameof(Details), new { id }),
            StatusKind.Danger);
    }

    [HttpPost]
    public async Task<IActionResult> Reassign(int id, InspectionActionInput input, CancellationToken cancellationToken)
    {
        if (input.InspectorId is not { } inspectorId)
        {
            return Missing(id, "Rounds.Reassign.InspectorRequired");
        }

        var reassigned = await rounds.ReassignAsync(id, input.InspectionId, input.ConcurrencyStamp, inspectorId, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return Act(id, reassigned, () => l["Rounds.Reassign.Done"]);
    }

    [HttpPost]
    public async Task<IActionResult> Reopen(int id, InspectionActionInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return Missing(id, "Rounds.Reopen.ReasonRequired");
        }

        var reopened = await rounds.ReopenAsync(id, input.InspectionId, input.ConcurrencyStamp, input.Reason, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return Act(id, reopened, () => l["Rounds.Reopen.Done"]);
    }

    private async Task<IActionResult> SaveAsync(RoundFormViewModel form, CancellationToken cancellationToken)
    {
        form.Options = await queries.FormOptionsAsync(cancellationToken);
        if (form.Command == RoundFormViewModel.SuggestCommand)
        {
            // Filling the form is not saving it: no validation messages yet.
            ModelState.Clear();
            form.ApplySuggestions(RoundQueries.Suggest(form.Options, form.ChosenTeams()));
            ViewData["Suggested"] = true;
            return View("Form", form);
        }

        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        var saved = form.Id is { } id
            ? await rounds.UpdateDraftAsync(id, form.ConcurrencyStamp, form.ToInput(clock), actor, cancellationToken)
            : await rounds.CreateDraftAsync(form.ToInput(clock), actor, cancellationToken);
        return this.Answer(saved,
            ok: () =>
            {
                TempData.SetStatus(l[form.IsEdit ? "Rounds.Edit.Done" : "Rounds.Create.Done"]);
                return RedirectToAction(nameof(Details), new { id = saved.Value });
            },
            form: () => View("Form", form));
    }

    /// <summary>
    /// Answers one action of the details page: back to it with <paramref name="done"/>'s message, or the refusal as a
    /// danger message. A repeated click meets the state machine's refusal (<paramref name="repeated"/>'s code), shown as
    /// its friendly message (info) instead of the rule's.
    /// </summary>
    private IActionResult Act(int id, IOutcome outcome, Func<string> done, (string Code, string Key)? repeated = null)
    {
        if (repeated is { } r && outcome.Status == OutcomeStatus.Invalid && outcome.Errors[0].DomainCode == r.Code)
        {
            TempData.SetStatus(l[r.Key], StatusKind.Info);
            return RedirectToAction(nameof(Details), new { id });
        }

        return this.Answer(outcome,
            ok: () =>
            {
                TempData.SetStatus(done());
                return RedirectToAction(nameof(Details), new { id });
            },
            back: () => RedirectToAction(nameof(Details), new { id }),
            StatusKind.Danger);
    }

    private string ReminderMessage(LateReminderResult result) =>
        result.Reminded == 0 && result.SkippedRecently == 0 ? l["Rounds.RemindLate.NoneLate"]
        : result.SkippedRecently == 0 ? l["Rounds.RemindLate.Done", result.Reminded]
        : l["Rounds.RemindLate.DoneSkipped", result.Reminded, result.SkippedRecently, (int)RoundService.RemindAgainAfter.TotalHours];

    private async Task<IActionResult> ReassignPageAsync(int id, IReadOnlyCollection<int> inspectionIds, IReadOnlyList<(string Field, string Message)>? refused, string? returnUrl, CancellationToken cancellationToken)
    {
        var choice = await queries.ReassignChoiceAsync(id, inspectionIds, cancellationToken);
        return choice is null ? NotFound() : View("Reassign", new ReassignViewModel(choice, refused ?? [], BackToDetails(id, returnUrl)));
    }

    /// <summary>The details page the manager came from (its page, order and search), or its first page; never another site.</summary>
    private string BackToDetails(int id, string? returnUrl)
    {
        var details = Url.Action(nameof(Details), new { id })!;
        return returnUrl is not null && Url.IsLocalUrl(returnUrl)
            && (returnUrl == details || returnUrl.StartsWith(details + "?", StringComparison.Ordinal)) ? returnUrl : details;
    }

    /// <summary>A required field of an action was left empty: back to the page with what is missing.</summary>
    private RedirectToActionResult Missing(int id, string key)
    {
        TempData.SetStatus(l[key], StatusKind.Danger);
        return RedirectToAction(nameof(Details), new { id });
    }
}
