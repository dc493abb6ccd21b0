using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Records;

/// <summary><c>GET /api/inspections/{id}</c>: the record of one inspection as JSON (contracts.md), to the same people as the page.</summary>
[ApiController]
[Authorize(Policy = Policies.SignedIn)]
public sealed class RecordsApiController(ServiceReviewDbContext db, PlanVersionCache plans, ICurrentActor currentActor) : ControllerBase
{
    [HttpGet("/api/inspections/{id:int}")]
    [ProducesResponseType<RecordJson>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var facts = await db.RecordFactsAsync(id, cancellationToken);
        if (facts is null || !actor.MaySee(facts))
        {
            return NotFound();
        }

        var record = await RecordQueries.LoadAsync(db, plans, id, cancellationToken);
        return record is null ? NotFound() : Ok(RecordJson.From(record));
    }
}
