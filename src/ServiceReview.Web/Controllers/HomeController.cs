using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Models;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Controllers;

/// <summary>The landing page: what each of the user's roles is here to do.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomeController(UserManager<ApplicationUser> users, TimeProvider clock) : Controller
{
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        var name = user is null ? User.Identity?.Name ?? "" : string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.UserName ?? "" : user.DisplayName;
        return View(new HomeViewModel
        {
            DisplayName = name,
            Roles = Roles.All.Where(User.IsInRole).ToList(),
            Today = clock.GetLocalNow().DateTime,
        });
    }
}
