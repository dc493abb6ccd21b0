using Microsoft.AspNetCore.Authorization;
using ServiceReview.Core.Security;

namespace ServiceReview.Web.Security;

/// <summary>
/// Names of the authorization policies. Controllers say <c>[Authorize(Policy = Policies.ManagerOrAdmin)]</c>;
/// every endpoint without an attribute falls back to <see cref="SignedIn"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user; also the fallback policy.</summary>
    public const string SignedIn = "SignedIn";

    public const string Admin = "Admin";

    public const string ManagerOrAdmin = "ManagerOrAdmin";

    /// <summary>Team leads, managers and administrators.</summary>
    public const string TeamLeadOrAbove = "TeamLeadOrAbove";

    /// <summary>The people who fill in inspections.</summary>
    public const string Inspector = "Inspector";

    public static AuthorizationBuilder AddServiceReviewPolicies(this AuthorizationBuilder builder)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        return builder
            .AddPolicy(SignedIn, signedIn)
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(ManagerOrAdmin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Manager, Roles.Admin))
            .AddPolicy(TeamLeadOrAbove, p => p.RequireAuthenticatedUser().RequireRole(Roles.TeamLead, Roles.Manager, Roles.Admin))
            .AddPolicy(Inspector, p => p.RequireAuthenticatedUser().RequireRole(Roles.Inspector))
            .SetFallbackPolicy(signedIn);
    }
}
