using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Administration.Teams;

/// <summary><c>GET /api/teams</c> (contracts.md): every team, its project, and its lead's e-mail or null.</summary>
[ApiController]
[Route("api/teams")]
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class TeamListController(RoundQueries queries) : ControllerBase
{
    [HttpGet]
    public async Task<IReadOnlyList<TeamJson>> Get(CancellationToken cancellationToken) =>
        (await queries.TeamSummariesAsync(cancellationToken))
            .Select(t => new TeamJson(t.Id, t.Name, t.Project, t.LeadEmail))
            .ToList();
}

public sealed record TeamJson(int Id, string Name, string Project, string? Lead);
