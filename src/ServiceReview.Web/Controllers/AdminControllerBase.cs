using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Admin;

namespace ServiceReview.Web.Controllers;

/// <summary>What the administration controllers share: putting a service's <see cref="AdminError"/>s into the form.</summary>
public abstract class AdminControllerBase(IStringLocalizer<SharedResource> l) : Controller
{
    protected IStringLocalizer<SharedResource> L { get; } = l;

    protected void AddErrors(IEnumerable<AdminError> errors, string prefix = "")
    {
        foreach (var error in errors)
        {
            var key = error.Field.Length == 0 ? "" : prefix + error.Field;
            ModelState.AddModelError(key, L[error.Key, error.Arguments]);
        }
    }
}
