using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Security;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Account;

/// <summary><c>GET /api/me</c>: who the sign-in cookie belongs to, for the front end's scripts.</summary>
[ApiController]
[Route("api/me")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class MeController(ICurrentActor currentActor) : ControllerBase
{
    [HttpGet]
    public async Task<ActionResult<MeResponse>> Get(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return new MeResponse(User.Identity?.Name ?? "", Roles.All.Where(actor.Roles.Contains).ToList());
    }
}

public sealed record MeResponse(string UserName, IReadOnlyList<string> Roles);
