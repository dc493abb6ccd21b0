using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Security;
using ServiceReview.Web.Features.Inspections;

namespace ServiceReview.Web.Features.Plans;

/// <summary>
/// Plans and the live score preview (contracts.md "Plans and scoring"). The preview runs Core's
/// <see cref="ScoringEngine"/> on the posted inputs and changes nothing.
/// </summary>
[ApiController]
[Route("api/plans")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class PlansApiController(PlanReader plans, InputErrorMessages messages) : ControllerBase
{
    [HttpGet]
    public async Task<IReadOnlyList<PlanSummaryDto>> List(CancellationToken cancellationToken) =>
        (await plans.ListAsync(cancellationToken)).Select(PlanSummaryDto.From).ToList();

    [HttpGet("{id:int}")]
    public async Task<ActionResult<PlanDto>> Get(int id, CancellationToken cancellationToken) =>
        await plans.FindAsync(id, cancellationToken) is { } plan ? PlanDto.From(plan) : NotFound();

    [HttpPost("{id:int}/score")]
    public async Task<ActionResult<ScorePreviewDto>> Score(int id, CancellationToken cancellationToken)
    {
        var plan = await plans.FindAsync(id, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Dictionary<string, IndicatorInput> inputs;
        try
        {
            using var body = await JsonDocument.ParseAsync(Request.Body, cancellationToken: cancellationToken);
            inputs = ScoreItemsReader.Read(body.RootElement, plan, messages, errors);
        }
        catch (JsonException)
        {
            ScoreItemsReader.Add(errors, "$", messages["Inspections.Api.NotJson"]);
            inputs = [];
        }

        if (errors.Count > 0)
        {
            var problem = new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = errors.First().Key + ": " + errors.First().Value[0],
            };
            return BadRequest(problem);
        }

        return ScorePreviewDto.From(ScoringEngine.Score(plan, inputs));
    }
}
