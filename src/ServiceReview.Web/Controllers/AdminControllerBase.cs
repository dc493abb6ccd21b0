using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Admin;

namespace ServiceReview.Web.Controllers;

/// <summary>
/// What the administration controllers share: putting a service's <see cref="AdminError"/>s into the form, and the
/// scope of the signed-in user (an administrator: everything; a manager: the projects they manage).
/// </summary>
public abstract class AdminControllerBase(IStringLocalizer<SharedResource> l) : Controller
{
    protected IStringLocalizer<SharedResource> L { get; } = l;

    protected AdminScope ScopeOf(Actor actor) =>
        User.IsInRole(Roles.Admin) ? AdminScope.Administrator : AdminScope.Manager(actor.PersonId);

    protected void AddErrors(IEnumerable<AdminError> errors, string prefix = "")
    {
        foreach (var error in errors)
        {
            var key = error.Field.Length == 0 ? "" : prefix + error.Field;
            ModelState.AddModelError(key, L[error.Key, error.Arguments]);
        }
    }
}
