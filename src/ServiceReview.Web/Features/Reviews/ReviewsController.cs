using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Reviews;

/// <summary>
/// The team lead's review (结果确认) of submitted inspections: confirm, or dispute named indicators. Only the lead of the
/// inspected team sees or acts on an inspection; for anyone else it does not exist (404).
/// </summary>
[Authorize(Policy = Policies.TeamLeadOrAbove)]
public sealed class ReviewsController(
    ReviewService reviews, ICurrentActor currentActor, IStringLocalizer<SharedResource> l) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(string? q, InspectionStatus? status, int? page, int? size, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        status = status is InspectionStatus.Disputed or InspectionStatus.Confirmed ? status : null;
        return View(new ReviewIndexViewModel
        {
            ToReview = await reviews.ToReviewForLeadAsync(actor, search, cancellationToken),
            History = await reviews.HistoryForLeadAsync(actor, search, status, PageRequest.Of(page, size), cancellationToken),
            Search = search,
            Status = status,
        });
    }

    public async Task<IActionResult> Review(int id, CancellationToken cancellationToken)
    {
        var page = await BuildPageAsync(id, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost]
    public async Task<IActionResult> Confirm(int id, Guid stamp, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var found = await reviews.GetForLeadAsync(actor, id, cancellationToken);
        if (!found.IsOk)
        {
            return NotFound();
        }

        var sheet = found.Value;
        if (sheet.Status != InspectionStatus.Submitted)
        {
            // A second click, or someone else was faster: the state machine would refuse; say so kindly.
            TempData.SetStatus(l["Reviews.AlreadyReviewed"], StatusKind.Info);
            return RedirectToAction(nameof(Review), new { id });
        }

        var confirmed = await reviews.ConfirmAsync(actor, id, stamp, cancellationToken);
        return this.Answer(confirmed,
            ok: () =>
            {
                TempData.SetStatus(l["Reviews.Confirmed", sheet.TeamName, sheet.InspectorName]);
                return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
            },
            back: () => RedirectToAction(nameof(Review), new { id }),
            StatusKind.Warning);
    }

    [HttpPost]
    public async Task<IActionResult> Dispute(DisputeForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var found = await reviews.GetForLeadAsync(actor, form.Id, cancellationToken);
        if (!found.IsOk)
        {
            return NotFound();
        }

        if (found.Value.Status != InspectionStatus.Submitted)
        {
            TempData.SetStatus(l["Reviews.AlreadyReviewed"], StatusKind.Info);
            return RedirectToAction(nameof(Review), new { id = form.Id });
        }

        var selected = form.Items.Where(i => i.Selected).ToList();
        if (selected.Count == 0)
        {
            ModelState.AddModelError("", l["Reviews.Dispute.NoneSelected"]);
        }

        for (var index = 0; index < form.Items.Count; index++)
        {
            if (form.Items[index].Selected && string.IsNullOrWhiteSpace(form.Items[index].Reason))
            {
                ModelState.AddModelError($"Items[{index}].Reason", l["Reviews.Dispute.ReasonRequired", form.Items[index].Code]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Review), await BuildPageAsync(form.Id, form, cancellationToken));
        }

        var disputed = await reviews.DisputeAsync(actor, form.Id, form.Stamp, selected.Select(i => (i.Code, i.Reason ?? "")).ToList(), cancellationToken);
        var page = disputed.IsOk ? null : await BuildPageAsync(form.Id, form, cancellationToken);
        return this.Answer(disputed,
            ok: () =>
            {
                TempData.SetStatus(l["Reviews.Disputed", selected.Count]);
                return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
            },
            form: () => View(nameof(Review), page));
    }

    private async Task<ReviewPageViewModel?> BuildPageAsync(int id, DisputeForm? form, CancellationToken cancellationToken)
    {
        var found = await reviews.GetForLeadAsync(await currentActor.GetAsync(cancellationToken), id, cancellationToken);
        if (!found.IsOk)
        {
            return null;
        }

        var sheet = found.Value;

        var posted = form?.Items.ToDictionary(i => i.Code, StringComparer.Ordinal) ?? [];
        return new ReviewPageViewModel
        {
            Sheet = sheet,
            Dispute = sheet.Status == InspectionStatus.Submitted ? null : await reviews.FindDisputeAsync(id, cancellationToken),
            Form = new DisputeForm
            {
                Id = sheet.Id,
                Stamp = form?.Stamp ?? sheet.ConcurrencyStamp,
                Items = sheet.Rows.Select(r => posted.GetValueOrDefault(r.Code) ?? new DisputeItemInput { Code = r.Code }).ToList(),
            },
        };
    }
}
