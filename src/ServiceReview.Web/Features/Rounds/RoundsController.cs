using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>Managers plan rounds (考评批次), open them, watch their inspections, reassign, reopen and close.</summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class RoundsController(
    RoundQueries queries,
    RoundService rounds,
    ICurrentActor currentActor,
    DomainErrorLocalizer domainErrors,
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
        var form = new RoundFormViewModel
        {
            Name = l["Rounds.Form.DefaultName", lastMonth.Year, lastMonth.Month],
            PeriodStart = lastMonth,
            PeriodEnd = lastMonth.AddMonths(1).AddDays(-1),
            PlanVersionId = options.Plans.Count > 0 ? options.Plans[0].Id : null,
            WindowOpensAt = today.AddDays(1).ToDateTime(new TimeOnly(9, 0)),
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
    public Task<IActionResult> Open(int id, Guid concurrencyStamp, CancellationToken cancellationToken) =>
        ActAsync(id, async actor =>
        {
            var count = await rounds.OpenAsync(id, concurrencyStamp, actor, cancellationToken);
            return l["Rounds.Open.Done", count];
        }, ("Round.NotDraft", "Rounds.Open.AlreadyOpen"));

    [HttpPost]
    public Task<IActionResult> Close(int id, Guid concurrencyStamp, CancellationToken cancellationToken) =>
        ActAsync(id, async actor =>
        {
            await rounds.CloseAsync(id, concurrencyStamp, actor, cancellationToken);
            return l["Rounds.Close.Done"];
        }, ("Round.NotOpen", "Rounds.Close.AlreadyClosed"));

    [HttpPost]
    public async Task<IActionResult> Delete(int id, Guid concurrencyStamp, CancellationToken cancellationToken)
    {
        try
        {
            await rounds.DeleteDraftAsync(id, concurrencyStamp, await currentActor.GetAsync(cancellationToken), cancellationToken);
        }
        catch (RoundNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            TempData.SetStatus(domainErrors.Localize(ex), StatusKind.Danger);
            return RedirectToAction(nameof(Details), new { id });
        }

        TempData.SetStatus(l["Rounds.Delete.Done"]);
        return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
    }

    [HttpPost]
    public Task<IActionResult> Reassign(int id, InspectionActionInput input, CancellationToken cancellationToken) =>
        ActAsync(id, async actor =>
        {
            if (input.InspectorId is not { } inspectorId)
            {
                return null;
            }

            await rounds.ReassignAsync(id, input.InspectionId, input.ConcurrencyStamp, inspectorId, actor, cancellationToken);
            return l["Rounds.Reassign.Done"];
        }, missing: "Rounds.Reassign.InspectorRequired");

    [HttpPost]
    public Task<IActionResult> Reopen(int id, InspectionActionInput input, CancellationToken cancellationToken) =>
        ActAsync(id, async actor =>
        {
            if (string.IsNullOrWhiteSpace(input.Reason))
            {
                return null;
            }

            await rounds.ReopenAsync(id, input.InspectionId, input.ConcurrencyStamp, input.Reason, actor, cancellationToken);
            return l["Rounds.Reopen.Done"];
        }, missing: "Rounds.Reopen.ReasonRequired");

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
        RoundSaveResult result;
        try
        {
            result = form.Id is { } id
                ? await rounds.UpdateDraftAsync(id, form.ConcurrencyStamp, form.ToInput(clock), actor, cancellationToken)
                : await rounds.CreateDraftAsync(form.ToInput(clock), actor, cancellationToken);
        }
        catch (RoundNotFoundException)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                domainErrors.AddTo(ModelState, error.Error, error.TeamId is { } teamId ? RoundFormViewModel.TeamErrorKey(teamId) : "");
            }

            return View("Form", form);
        }

        TempData.SetStatus(l[form.IsEdit ? "Rounds.Edit.Done" : "Rounds.Create.Done"]);
        return RedirectToAction(nameof(Details), new { id = result.RoundId });
    }

    /// <summary>
    /// Runs one action of the details page and redirects back to it with its message. <paramref name="action"/>
    /// returns null when the input lacks <paramref name="missing"/>'s value. A repeated click meets the state
    /// machine's refusal, shown as <paramref name="repeated"/>'s friendly message instead of the rule's.
    /// </summary>
    private async Task<IActionResult> ActAsync(int id, Func<Core.Audit.Actor, Task<string?>> action, (string Code, string Key)? repeated = null, string? missing = null)
    {
        try
        {
            var message = await action(await currentActor.GetAsync(HttpContext.RequestAborted));
            if (message is null)
            {
                TempData.SetStatus(l[missing!], StatusKind.Danger);
            }
            else
            {
                TempData.SetStatus(message);
            }
        }
        catch (RoundNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            var text = repeated is { } r && ex.Code == r.Code ? l[r.Key].Value : domainErrors.Localize(ex);
            TempData.SetStatus(text, repeated is { } again && ex.Code == again.Code ? StatusKind.Info : StatusKind.Danger);
        }

        return RedirectToAction(nameof(Details), new { id });
    }
}
