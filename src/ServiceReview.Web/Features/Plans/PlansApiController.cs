using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Plans;

/// <summary>
/// Plans and the plan's score preview (contracts.md "Plans and scoring"). The preview runs Core's
/// <see cref="ScoringEngine"/> on the posted inputs and changes nothing; the inspection form previews through
/// <c>POST /api/inspections/{id}/score</c> (InspectionsController), which knows the record's measured figures.
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
        // Published versions come from memory (PlanVersionCache): the preview is called on every change of the form.
        var plan = await plans.FindForScoringAsync(id, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }

        var (inputs, problem) = await ScoreItemsReader.ReadAsync(Request, plan, messages, acceptOverridden: true, cancellationToken);
        if (problem is not null)
        {
            return BadRequest(problem);
        }

        return ScorePreviewDto.From(ScoringEngine.Score(plan, inputs));
    }
}
