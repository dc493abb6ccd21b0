using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Reviews.Disputes;

/// <summary>Arbitration (申诉仲裁) by managers: uphold or change each disputed indicator with a written ruling.</summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class DisputesController(
    DisputeService disputes, ICurrentActor currentActor, IStringLocalizer<SharedResource> l) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(string? q, int? page, int? size, CancellationToken cancellationToken)
    {
        var search = PagingExtensions.NormaliseSearch(q);
        return View(new DisputeIndexViewModel
        {
            Open = await disputes.OpenAsync(search, cancellationToken),
            Ruled = await disputes.RuledAsync(search, PageRequest.Of(page, size), cancellationToken),
            Search = search,
        });
    }

    public async Task<IActionResult> Arbitrate(int id, CancellationToken cancellationToken)
    {
        var found = await disputes.GetAsync(id, cancellationToken);
        if (!found.IsOk)
        {
            return NotFound();
        }

        return View(new ArbitratePageViewModel { Detail = found.Value, Form = NewForm(found.Value) });
    }

    [HttpPost]
    [ActionName(nameof(Arbitrate))]
    public async Task<IActionResult> ArbitratePost(ArbitrateForm form, CancellationToken cancellationToken)
    {
        var found = await disputes.GetAsync(form.Id, cancellationToken);
        if (!found.IsOk)
        {
            return NotFound();
        }

        var detail = found.Value;

        if (detail.Status != DisputeStatus.Open)
        {
            TempData.SetStatus(l["Disputes.AlreadyRuled"], StatusKind.Info);
            return RedirectToAction(nameof(Arbitrate), new { id = form.Id });
        }

        var rulings = new List<ItemRuling>();
        foreach (var item in detail.Items)
        {
            var index = form.Items.FindIndex(i => i.Code == item.IndicatorCode);
            var posted = index >= 0 ? form.Items[index] : new ArbitrateItemInput { Code = item.IndicatorCode };
            var prefix = $"Items[{Math.Max(index, 0)}]";
            if (string.IsNullOrWhiteSpace(posted.Ruling))
            {
                ModelState.AddModelError($"{prefix}.Ruling", l["Disputes.RulingRequired", item.IndicatorCode]);
            }

            IndicatorInput? input = null;
            if (posted.Outcome == DisputeOutcome.Changed)
            {
                input = ToInput(detail.Sheet.Row(item.IndicatorCode)!, posted);
                if (input is null)
                {
                    ModelState.AddModelError($"{prefix}.Outcome", l["Disputes.InputRequired", item.IndicatorCode]);
                }
            }

            rulings.Add(new ItemRuling(item.IndicatorCode, posted.Outcome == DisputeOutcome.Changed ? DisputeOutcome.Changed : DisputeOutcome.Upheld, posted.Ruling ?? "", input));
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Arbitrate), new ArbitratePageViewModel { Detail = detail, Form = form });
        }

        var ruled = await disputes.ArbitrateAsync(await currentActor.GetAsync(cancellationToken), form.Id, form.Stamp, rulings, cancellationToken);
        var after = await disputes.GetAsync(form.Id, cancellationToken);
        var reloaded = after.IsOk ? after.Value : detail;
        return this.Answer(ruled,
            ok: () =>
            {
                TempData.SetStatus(l["Disputes.Ruled.Message", detail.Sheet.TeamName,
                    ServiceReview.Web.Features.Reviews.Display.Score(detail.Sheet.Total), ServiceReview.Web.Features.Reviews.Display.Score(reloaded.Sheet.Total)]);
                return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
            },
            form: () => View(nameof(Arbitrate), new ArbitratePageViewModel { Detail = reloaded, Form = form }));
    }

    private static ArbitrateForm NewForm(DisputeDetail detail) => new()
    {
        Id = detail.Id,
        Stamp = detail.Sheet.ConcurrencyStamp,
        Items = detail.Items.Select(item =>
        {
            var row = detail.Sheet.Row(item.IndicatorCode);
            var input = row?.Input ?? new IndicatorInput();
            return new ArbitrateItemInput
            {
                Code = item.IndicatorCode,
                Outcome = item.Outcome == DisputeOutcome.Changed ? DisputeOutcome.Changed : DisputeOutcome.Upheld,
                Ruling = item.Ruling,
                Value = input.Value,
                Count = input.Count,
                Pass = input.Pass is { } p ? (p ? "true" : "false") : null,
                Level = input.Level,
                NotApplicable = input.NotApplicable,
                Note = input.Note,
            };
        }).ToList(),
    };

    /// <summary>The new input in the preview's form: N/A, or the one field the indicator's kind takes; null when it is missing.</summary>
    private static IndicatorInput? ToInput(SheetRow row, ArbitrateItemInput posted)
    {
        if (posted.NotApplicable)
        {
            return new IndicatorInput { NotApplicable = true, Note = posted.Note };
        }

        return row.Kind switch
        {
            RuleKind.Bands when posted.Value is { } v => new IndicatorInput { Value = v, Note = posted.Note },
            RuleKind.Deduction when posted.Count is { } c => new IndicatorInput { Count = c, Note = posted.Note },
            RuleKind.Check when bool.TryParse(posted.Pass, out var pass) => new IndicatorInput { Pass = pass, Note = posted.Note },
            RuleKind.Rating when !string.IsNullOrWhiteSpace(posted.Level) => new IndicatorInput { Level = posted.Level, Note = posted.Note },
            _ => null,
        };
    }
}
