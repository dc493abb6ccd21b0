using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>
/// An inspector's own accuracy figure (issue #17): "my score vs the others on the same team", over the confirmed
/// results, overall and round by round — the figure of the inspector's row in the managers' bias report, computed by
/// the same <see cref="InspectorBiasService"/>.
/// </summary>
[Authorize(Policy = Policies.Inspector)]
public sealed class MyAccuracyController(InspectorBiasService bias, ICurrentActor currentActor) : Controller
{
    [HttpGet("Analytics/Mine")]
    public async Task<IActionResult> Mine(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PersonId is not { } person)
        {
            return NotFound();
        }

        return View(await bias.ForInspectorAsync(person, cancellationToken));
    }
}
