using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Home;

/// <summary>The landing page: for each of the user's roles, what needs their attention now.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomeController(UserManager<ApplicationUser> users, HomeDashboardService dashboard, ICurrentActor currentActor, OrganisationClock clock, GradeLabels grades) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        // A person's name comes with the actor; only an account without a person (an administrator made at the command
        // line) costs a read of the account.
        var user = actor.PersonId is null ? await users.GetUserAsync(User) : null;
        var name = actor.PersonId is not null ? actor.Name
            : user is null ? User.Identity?.Name ?? "" : string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.UserName ?? "" : user.DisplayName;
        var roles = Roles.All.Where(actor.Roles.Contains).ToList();
        var built = await dashboard.BuildAsync(actor, cancellationToken);
        return View(new HomeViewModel
        {
            DisplayName = name,
            Roles = roles,
            // The organisation's calendar day (Organisation:TimeZone), not the server's nor UTC's: just after midnight
            // in Beijing it is already tomorrow there.
            Today = clock.Today,
            IsInspector = actor.IsInspector,
            IsLead = actor.IsTeamLead,
            IsManager = actor.IsManager,
            Dashboard = built,
            GradeNames = await grades.ForVersionsAsync(built.ToConfirm.Where(i => i.Grade is not null).Select(i => i.PlanVersionId), cancellationToken),
        });
    }
}
