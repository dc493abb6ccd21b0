using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Rounds;

/// <summary><c>GET /api/rounds</c> (contracts.md): every round with its plan version, status and aggregation.</summary>
[ApiController]
[Route("api/rounds")]
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class RoundListController(RoundQueries queries) : ControllerBase
{
    [HttpGet]
    public async Task<IReadOnlyList<RoundJson>> Get(CancellationToken cancellationToken) =>
        (await queries.SummariesAsync(cancellationToken))
            .Select(r => new RoundJson(r.Id, r.Name, r.PlanVersionId, r.Status.ToString(), r.Aggregation.ToString()))
            .ToList();
}

/// <summary><c>status</c>: Draft, Open or Closed; <c>aggregation</c>: Mean or TrimmedMean.</summary>
public sealed record RoundJson(int Id, string Name, int PlanVersionId, string Status, string Aggregation);
