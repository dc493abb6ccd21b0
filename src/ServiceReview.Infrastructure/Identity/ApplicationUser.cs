using Microsoft.AspNetCore.Identity;

namespace ServiceReview.Infrastructure.Identity;

/// <summary>A sign-in account. The domain's <c>Person</c> points at it by <see cref="Microsoft.AspNetCore.Identity.IdentityUser{TKey}.Id"/>.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account keeps its history but can no longer sign in.</summary>
    public bool IsDisabled { get; set; }
}
