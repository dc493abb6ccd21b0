using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ServiceReview.Web.Security;

/// <summary>
/// Identity's default UI brings pages this product must not offer: self-registration (administrators create
/// accounts), password reset by e-mail (no mail is sent), external logins, personal-data download and deletion
/// (accounts keep their inspection history). Only the pages listed here get a route; every other page of the
/// Identity area, including ones a future Identity version adds, is unreachable (signed out: sent to the login
/// page like any unknown address; signed in: 404).
/// </summary>
public sealed class IdentityPagesAllowList : IPageRouteModelConvention
{
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Login",
        "/Account/Logout",
        "/Account/AccessDenied",
        "/Account/Lockout",
    };

    public void Apply(PageRouteModel model)
    {
        if (string.Equals(model.AreaName, "Identity", StringComparison.OrdinalIgnoreCase)
            && !Allowed.Contains(model.ViewEnginePath))
        {
            model.Selectors.Clear();
        }
    }
}
