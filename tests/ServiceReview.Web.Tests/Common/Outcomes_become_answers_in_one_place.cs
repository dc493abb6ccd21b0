using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Common;

/// <summary>Issue #16 items 2 and 3: one actor built once per request with its scopes; one outcome mapped to HTTP once.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Outcomes_become_answers_in_one_place(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private sealed class Api : ControllerBase;

    private sealed class Page : Controller;

    [Fact]
    public async Task An_api_answers_404_403_409_with_who_and_400_with_the_errors_by_field_in_the_users_language()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var api = new Api { ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider } } };
        var ok = new OkResult();

        Assert.Same(ok, api.Answer(Outcome.Ok(), () => ok));
        Assert.Equal(404, StatusOf(api.Answer(Outcome.NotFound(), () => ok)));
        Assert.Equal(403, StatusOf(api.Answer(Outcome.Forbidden(), () => ok)));

        var conflict = (ObjectResult)api.Answer(Outcome.Conflict("Manager A", new DateTime(2026, 12, 4, 8, 30, 0, DateTimeKind.Utc)), () => ok);
        Assert.Equal(409, conflict.StatusCode);
        var problem = Assert.IsType<ProblemDetails>(conflict.Value);
        Assert.Equal("Manager A", problem.Extensions["changedBy"]);
        Assert.Contains("Manager A", problem.Title, StringComparison.Ordinal);
        Assert.Contains("16:30", problem.Title, StringComparison.Ordinal); // 08:30 UTC in the organisation's zone (Asia/Shanghai)

        var invalid = (ObjectResult)api.Answer(Outcome.Invalid("Name", "Error.Round.NameRequired"), () => ok);
        Assert.Equal(400, invalid.StatusCode);
        var errors = Assert.IsType<ValidationProblemDetails>(invalid.Value).Errors;
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        Assert.Equal([localizer["Error.Round.NameRequired"].Value], errors["Name"]);
    }

    [Fact]
    public async Task A_form_is_shown_again_with_each_error_at_its_field_and_a_button_gets_a_status_message()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var page = new Page { ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider } } };
        page.TempData = new Microsoft.AspNetCore.Mvc.ViewFeatures.TempDataDictionary(page.HttpContext, new NoTempData());
        var form = new ViewResult();
        var back = new RedirectResult("/back");

        var shown = page.Answer(Outcome.Invalid("Name", "Error.Round.NameRequired"), () => new OkResult(), () => form, prefix: "Input.");
        Assert.Same(form, shown);
        Assert.True(page.ModelState.ContainsKey("Input.Name"));

        var refused = page.Answer(Outcome.Invalid("", "Error.Round.NoTeams"), () => new OkResult(), () => back, StatusKind.Danger);
        Assert.Same(back, refused);
        Assert.Equal(nameof(StatusKind.Danger), page.TempData[StatusMessage.KindKey]);
        Assert.Equal(404, StatusOf(page.Answer(Outcome.NotFound(), () => new OkResult(), () => form)));
        Assert.IsType<ForbidResult>(page.Answer(Outcome.Forbidden(), () => new OkResult(), () => back, StatusKind.Danger));
    }

    [Fact]
    public async Task The_actor_knows_the_projects_a_manager_manages_and_the_teams_a_lead_leads()
    {
        await factory.EnsureDemoDataAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var manager = await db.Projects.SelectMany(p => p.Managers.Select(m => m.PersonId))
            .Join(db.People.Where(p => p.UserId != null), id => id, p => p.Id, (_, p) => new { p.Id, p.UserId })
            .FirstAsync();
        var managed = await db.Projects.Where(p => p.Managers.Any(m => m.PersonId == manager.Id)).Select(p => p.Id).ToListAsync();
        var other = await db.Projects.Where(p => !p.Managers.Any(m => m.PersonId == manager.Id)).Select(p => p.Id).FirstOrDefaultAsync();
        var lead = await db.Teams.Where(t => t.LeadId != null)
            .Join(db.People.Where(p => p.UserId != null), t => t.LeadId, p => p.Id, (t, p) => new { p.Id, p.UserId })
            .FirstAsync();
        var led = await db.Teams.Where(t => t.LeadId == lead.Id).Select(t => t.Id).ToListAsync();

        var asManager = await ActorOf(db, manager.UserId!, Roles.Manager);
        Assert.Equal(managed.Order(), asManager.ManagedProjectIds.Order());
        Assert.True(asManager.Administers(managed[0]));
        if (other != 0)
        {
            Assert.False(asManager.Administers(other));
        }

        Assert.True((await ActorOf(db, manager.UserId!, Roles.Admin)).Administers(other == 0 ? managed[0] : other));

        var asLead = await ActorOf(db, lead.UserId!, Roles.TeamLead);
        Assert.Equal(led.Order(), asLead.LedTeamIds.Order());
        Assert.True(asLead.Leads(led[0]));
        Assert.False(asLead.Administers(led[0]));
    }

    private static async Task<ServiceReview.Core.Audit.Actor> ActorOf(ServiceReviewDbContext db, string userId, string role)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, role)], "test"));
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } };
        return await new CurrentActor(accessor, db).GetAsync();
    }

    private static int? StatusOf(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode,
        StatusCodeResult s => s.StatusCode,
        _ => null,
    };

    private sealed class NoTempData : Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => new Dictionary<string, object>();

        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
        }
    }
}
