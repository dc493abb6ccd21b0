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
    /// <summary>
    /// The bias report: the inspector table is a list like the others (<c>q</c>, <c>sort</c>, <c>page</c>, <c>size</c>
    /// in the query string, see <see cref="BiasListQuery"/>); the rounds beneath it page with <c>rpage</c>.
    /// </summary>
    [RememberListQuery]
    public async Task<IActionResult> Index(DateOnly? from, DateOnly? to, string? q, string? sort, int? page, int? size, int? rpage, CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && to < from)
        {
            (from, to) = (to, from);
        }

        var query = new BiasListQuery(q, sort, PageRequest.Of(page, size));
        var report = await bias.PageAsync(from, to, query, cancellationToken);
        var rounds = await results.RoundsPageAsync(null, null, PageRequest.Of(rpage, null, 10), from, to, cancellationToken);
        return View(new BiasPageViewModel { From = from, To = to, Page = report, Query = query, Rounds = rounds });
    }

    [HttpGet("Analytics/Round/{id:int}")]
    public async Task<IActionResult> Round(int id, CancellationToken cancellationToken)
    {
        var result = await agreement.ComputeAsync(id, cancellationToken);
        return result is null ? NotFound() : View(new RoundAgreementViewModel { Agreement = result });
    }
}
