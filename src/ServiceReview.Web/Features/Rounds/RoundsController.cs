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

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var round = await queries.DetailsAsync(id, cancellationToken);
        return round is null ? NotFound() : View(new RoundDetailsViewModel(round));
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

    /// <summary>A required field of an action was left empty: back to the page with what is missing.</summary>
    private RedirectToActionResult Missing(int id, string key)
    {
        TempData.SetStatus(l[key], StatusKind.Danger);
        return RedirectToAction(nameof(Details), new { id });
    }
}
