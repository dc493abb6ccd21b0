using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;

namespace ServiceReview.Web.Features.Administration;

/// <summary>
/// What the administration controllers share: putting a service's <see cref="AdminError"/>s into the form, and the
/// scope of the signed-in user (an administrator: everything; a manager: the projects they manage).
/// </summary>
public abstract class AdminControllerBase(IStringLocalizer<SharedResource> l) : Controller
{
    protected IStringLocalizer<SharedResource> L { get; } = l;

    protected AdminScope ScopeOf(Actor actor) =>
        actor.IsAdmin ? AdminScope.Administrator : AdminScope.Manager(actor.PersonId);

    protected void AddErrors(IEnumerable<AdminError> errors, string prefix = "")
    {
        foreach (var error in errors)
        {
            var key = error.Field.Length == 0 ? "" : prefix + error.Field;
            ModelState.AddModelError(key, L[error.Key, error.Arguments]);
        }
    }

    /// <summary>
    /// Saves an edit and answers as the administration forms do: the form again, keeping what the user typed, with the
    /// service's errors or a domain error (a conflict "changed by X at T, reload", or a rule); 403 when the scope
    /// refuses; otherwise the status message and the list.
    /// </summary>
    protected async Task<IActionResult> SaveEditAsync(Func<Task<AdminResult>> save, object form, string savedMessage, DomainErrorLocalizer domainErrors)
    {
        try
        {
            var result = await save();
            if (!result.Succeeded)
            {
                AddErrors(result.Errors);
                return View("Form", form);
            }
        }
        catch (AdminForbiddenException)
        {
            return Forbid();
        }
        catch (DomainException ex)
        {
            domainErrors.AddTo(ModelState, ex);
            return View("Form", form);
        }

        TempData.SetStatus(savedMessage);
        return RedirectToAction("Index");
    }
}
