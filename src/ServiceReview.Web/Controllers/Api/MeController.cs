using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Security;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Controllers.Api;

/// <summary><c>GET /api/me</c>: who the sign-in cookie belongs to, for the front end's scripts.</summary>
[ApiController]
[Route("api/me")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class MeController : ControllerBase
{
    [HttpGet]
    public ActionResult<MeResponse> Get() =>
        new MeResponse(User.Identity?.Name ?? "", Roles.All.Where(User.IsInRole).ToList());
}

public sealed record MeResponse(string UserName, IReadOnlyList<string> Roles);
