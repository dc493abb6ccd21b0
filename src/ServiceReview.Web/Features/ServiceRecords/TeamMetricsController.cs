using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary><c>GET /api/teams/{id}/metrics?from=&amp;to=</c>: the measured figures of scoring.md for a team and period, as of now.</summary>
[ApiController]
[Route("api/teams/{id:int}/metrics")]
[Authorize(Policy = Policies.TeamLeadOrAbove)]
public sealed class TeamMetricsController(ServiceMetricsService metrics, TeamRecordAccess access, ICurrentActor currentActor, TimeProvider clock) : ControllerBase
{
    [HttpGet]
    public async Task<ActionResult<MetricsResponse>> Get(int id, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, CancellationToken cancellationToken)
    {
        if (from is null || to is null || to < from)
        {
            ModelState.AddModelError(from is null ? "from" : "to", "Give the period as from=yyyy-MM-dd&to=yyyy-MM-dd, with to not before from.");
            return ValidationProblem(ModelState);
        }

        var team = await access.EditAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken);
        if (!team.IsOk)
        {
            return team.Status == OutcomeStatus.NotFound ? NotFound() : Forbid();
        }

        var asOf = clock.GetUtcNow().UtcDateTime;
        var context = (await metrics.ContextAsync(id, from.Value, to.Value, asOf, cancellationToken))!;
        var figures = (await metrics.CountAsync(context, cancellationToken)).ToFigures();
        return new MetricsResponse(
            figures[MeasuredMetric.Complete].Denominator ?? 0,
            asOf,
            Figure(figures[MeasuredMetric.Complete]),
            Figure(figures[MeasuredMetric.LateArchives]),
            Figure(figures[MeasuredMetric.FirstResponseOnTime]),
            Figure(figures[MeasuredMetric.ResolvedOnTime]),
            Figure(figures[MeasuredMetric.FirstContactResolution]));
    }

    private static FigureResponse Figure(MeasuredFigure f) => new(f.Value, f.Numerator ?? 0, f.Denominator ?? 0);
}

public sealed record MetricsResponse(
    int Records,
    DateTime AsOf,
    FigureResponse Complete,
    FigureResponse LateArchives,
    FigureResponse FirstResponseOnTime,
    FigureResponse ResolvedOnTime,
    FigureResponse FirstContactResolution);

/// <summary>A figure: its value (null when the denominator is 0), numerator and denominator.</summary>
public sealed record FigureResponse(decimal? Value, int Numerator, int Denominator);
