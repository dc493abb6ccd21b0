using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Reviews;

/// <summary>
/// The team lead's review (结果确认) of submitted inspections: confirm, or dispute named indicators. Only the lead of the
/// inspected team sees or acts on an inspection; for anyone else it does not exist (404).
/// </summary>
[Authorize(Policy = Policies.TeamLeadOrAbove)]
public sealed class ReviewsController(
    ReviewService reviews, AttachmentService attachments, IOptions<AttachmentOptions> attachmentOptions, ICurrentActor currentActor,
    GradeLabels grades, IStringLocalizer<SharedResource> l) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(string? q, InspectionStatus? status, int? page, int? size, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        status = status is InspectionStatus.Disputed or InspectionStatus.Confirmed ? status : null;
        var toReview = await reviews.ToReviewForLeadAsync(actor, search, cancellationToken);
        var history = await reviews.HistoryForLeadAsync(actor, search, status, PageRequest.Of(page, size), cancellationToken);
        return View(new ReviewIndexViewModel
        {
            ToReview = toReview,
            History = history,
            GradeNames = await grades.ForVersionsAsync(toReview.Concat(history.Items).Select(i => i.PlanVersionId), cancellationToken),
            Search = search,
            Status = status,
        });
    }

    public async Task<IActionResult> Review(int id, CancellationToken cancellationToken)
    {
        var page = await BuildPageAsync(id, null, cancellationToken);
        if (page is not null)
        {
            return View(page);
        }

        // The review is the lead's; a manager or administrator who follows a link here reads the record instead
        // (which answers 404 itself for a record that does not exist).
        var actor = await currentActor.GetAsync(cancellationToken);
        return actor.IsManager ? Redirect(RecordUrl(id)) : NotFound();
    }

    /// <summary>The record page of an inspection (issue #14).</summary>
    public static string RecordUrl(int inspectionId) => string.Create(CultureInfo.InvariantCulture, $"/inspections/{inspectionId}");

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

    /// <summary>
    /// Disputes the indicators whose 申诉 control was used, each with a reason and its files. Files are checked before
    /// anything is written: a refused one comes back next to its row (413/415), with the reasons kept.
    /// </summary>
    [HttpPost]
    [RequestSizeLimit(FormEvidence.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = FormEvidence.MaxRequestBytes)]
    public async Task<IActionResult> Dispute(DisputeForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var found = await reviews.GetForLeadAsync(actor, form.Id, cancellationToken);
        if (!found.IsOk)
        {
            return NotFound();
        }

        var sheet = found.Value;
        if (sheet.Status != InspectionStatus.Submitted)
        {
            TempData.SetStatus(l["Reviews.AlreadyReviewed"], StatusKind.Info);
            return RedirectToAction(nameof(Review), new { id = form.Id });
        }

        // Errors go to the row as the page shows it (sheet order), whatever order the items were posted in.
        var codes = sheet.Rows.Select(r => r.Code).ToList();
        string KeyOf(DisputeItemInput item, string field, int postedIndex)
        {
            var row = codes.IndexOf(item.Code);
            return $"Items[{(row < 0 ? postedIndex : row)}].{field}";
        }

        var disputed = form.Items.Select((item, index) => (Item: item, Index: index)).Where(x => x.Item.IsDisputed).ToList();
        if (disputed.Count == 0)
        {
            ModelState.AddModelError("", l["Reviews.Dispute.NoneSelected"]);
        }

        foreach (var (item, index) in disputed.Where(x => string.IsNullOrWhiteSpace(x.Item.Reason)))
        {
            ModelState.AddModelError(KeyOf(item, nameof(DisputeItemInput.Reason), index), l["Reviews.Dispute.ReasonRequired", item.Code]);
        }

        var files = await FormEvidence.CheckAsync(attachments,
            disputed.Select(x => new EvidenceGroup(KeyOf(x.Item, nameof(DisputeItemInput.Files), x.Index), x.Item.Files)).ToList(), form.Id, cancellationToken);
        FormEvidence.AddTo(ModelState, Response, l, files);
        if (!ModelState.IsValid)
        {
            return View(nameof(Review), await BuildPageAsync(form.Id, form, cancellationToken));
        }

        var items = disputed.Select((x, n) => new DisputedIndicator(x.Item.Code, x.Item.Reason!.Trim(), files.Files[n])).ToList();
        var outcome = await reviews.DisputeAsync(actor, form.Id, form.Stamp, items, cancellationToken);
        var page = outcome.IsOk ? null : await BuildPageAsync(form.Id, form, cancellationToken);
        return this.Answer(outcome,
            ok: () =>
            {
                TempData.SetStatus(l["Reviews.Disputed", items.Count]);
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

        var posted = form?.Items.GroupBy(i => i.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) ?? [];
        var dispute = sheet.Status == InspectionStatus.Submitted ? null : await reviews.FindDisputeAsync(id, cancellationToken);
        return new ReviewPageViewModel
        {
            Sheet = sheet,
            Dispute = dispute,
            DisputeAttachments = dispute is null ? [] : await reviews.DisputeAttachmentsAsync(dispute.Id, cancellationToken),
            MaxFileBytes = attachmentOptions.Value.MaxFileBytes,
            Returned = form is not null,
            Form = new DisputeForm
            {
                Id = sheet.Id,
                Stamp = form?.Stamp ?? sheet.ConcurrencyStamp,
                Items = sheet.Rows.Select(r => posted.GetValueOrDefault(r.Code) ?? new DisputeItemInput { Code = r.Code }).ToList(),
            },
        };
    }
}
