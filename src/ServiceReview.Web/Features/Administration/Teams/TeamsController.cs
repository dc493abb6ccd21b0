using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Administration.People;
using ServiceReview.Web.Features.Administration.Projects;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Administration.Teams;

/// <summary>
/// Administration of teams (服务组): project, name, lead, members. Administrators see every team; a manager the teams
/// of the projects they manage, where they also create teams.
/// </summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class TeamsController(
    TeamsAdminService teams,
    ProjectsAdminService projects,
    PeopleAdminService people,
    ICurrentActor currentActor,
    DomainErrorLocalizer domainErrors,
    IStringLocalizer<SharedResource> l) : AdminControllerBase(l)
{
    public const int PageSize = 25;

    [HttpGet]
    public async Task<IActionResult> Index(string? q, int? projectId, int page = 1, CancellationToken cancellationToken = default)
    {
        var scope = ScopeOf(await currentActor.GetAsync(cancellationToken));
        return View(new TeamsIndexViewModel(await teams.ListAsync(scope, q, projectId, PageRequest.Of(page, PageSize, PageSize), cancellationToken), q, projectId,
            await projects.OptionsAsync(scope, cancellationToken)));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? projectId, CancellationToken cancellationToken)
    {
        var scope = ScopeOf(await currentActor.GetAsync(cancellationToken));
        if (projectId is { } pid && !scope.IsAdmin && !await projects.InScopeAsync(scope, pid, cancellationToken))
        {
            return Forbid();
        }

        return View("Form", await WithOptionsAsync(new TeamFormViewModel { ProjectId = projectId }, scope, cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Create(TeamFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        var actor = await currentActor.GetAsync(cancellationToken);
        var scope = ScopeOf(actor);
        await WithOptionsAsync(form, scope, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        AdminResult result;
        try
        {
            result = await teams.CreateAsync(form.ToInput(), scope, actor, cancellationToken);
        }
        catch (AdminForbiddenException)
        {
            return Forbid();
        }

        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return View("Form", form);
        }

        TempData.SetStatus(L["Admin.Teams.Created", form.Name ?? ""]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var scope = ScopeOf(await currentActor.GetAsync(cancellationToken));
        var team = await teams.GetAsync(id, cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        return scope.Allows(team.ProjectManagerIds) ? View("Form", await WithOptionsAsync(TeamFormViewModel.From(team), scope, cancellationToken)) : Forbid();
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, TeamFormViewModel form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var scope = ScopeOf(actor);
        var current = await teams.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        if (!scope.Allows(current.ProjectManagerIds))
        {
            return Forbid();
        }

        form.Id = id;
        form.ProjectId = current.Input.ProjectId;
        ModelState.Remove(nameof(TeamFormViewModel.ProjectId));
        await WithOptionsAsync(form, scope, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        return await SaveEditAsync(() => teams.UpdateAsync(id, form.ConcurrencyStamp, form.ToInput(), scope, actor, cancellationToken),
            form, L["Admin.Teams.Saved", form.Name ?? ""], domainErrors);
    }

    private async Task<TeamFormViewModel> WithOptionsAsync(TeamFormViewModel form, AdminScope scope, CancellationToken cancellationToken)
    {
        form.Projects = await projects.OptionsAsync(scope, cancellationToken);
        form.People = await people.OptionsAsync(cancellationToken);
        return form;
    }
}
