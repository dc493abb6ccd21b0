using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>
/// Accuracy and fairness (准确性分析): inspector bias over a range of rounds, and a round's agreement and signals of
/// inflated or deflated results. Read-only; managers and administrators.
/// </summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class AnalyticsController(InspectorBiasService bias, RoundAgreementService agreement, RoundResultsService results) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(DateOnly? from, DateOnly? to, int? page, int? size, CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && to < from)
        {
            (from, to) = (to, from);
        }

        var report = await bias.ComputeAsync(from, to, cancellationToken);
        var rounds = await results.RoundsPageAsync(null, null, PageRequest.Of(page, size, 10), from, to, cancellationToken);
        return View(new BiasPageViewModel { From = from, To = to, Report = report, Rounds = rounds });
    }

    [HttpGet("Analytics/Round/{id:int}")]
    public async Task<IActionResult> Round(int id, CancellationToken cancellationToken)
    {
        var result = await agreement.ComputeAsync(id, cancellationToken);
        return result is null ? NotFound() : View(new RoundAgreementViewModel { Agreement = result });
    }
}
