using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Administration.Projects;

/// <summary>
/// Administration of projects (项目): name, customer, contract period, time limits, time zone, managers. Administrators
/// see and create every project and choose its managers; a manager sees and edits only the projects they manage.
/// </summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class ProjectsController(
    ProjectsAdminService projects,
    ICurrentActor currentActor,
    DomainErrorLocalizer domainErrors,
    IStringLocalizer<SharedResource> l) : AdminControllerBase(l)
{
    public const int PageSize = 25;

    [HttpGet]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        var scope = ScopeOf(await currentActor.GetAsync(cancellationToken));
        return View(new ProjectsIndexViewModel(await projects.ListAsync(scope, q, PageRequest.Of(page, PageSize, PageSize), cancellationToken), q, scope.IsAdmin));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Form", await WithOptionsAsync(new ProjectFormViewModel(), true, cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Create(ProjectFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        await WithOptionsAsync(form, true, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var result = await projects.CreateAsync(form.ToInput(), await currentActor.GetAsync(cancellationToken), cancellationToken);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return View("Form", form);
        }

        TempData.SetStatus(L["Admin.Projects.Created", form.Name ?? ""]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var scope = ScopeOf(await currentActor.GetAsync(cancellationToken));
        var project = await projects.GetAsync(id, cancellationToken);
        if (project is null)
        {
            return NotFound();
        }

        if (!scope.Allows(project.Input.ManagerIds))
        {
            return Forbid();
        }

        return View("Form", await WithOptionsAsync(ProjectFormViewModel.From(project), scope.IsAdmin, cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ProjectFormViewModel form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var scope = ScopeOf(actor);
        var current = await projects.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        if (!scope.Allows(current.Input.ManagerIds))
        {
            return Forbid();
        }

        form.Id = id;
        form.TimeZoneId = current.Input.TimeZoneId;
        form.HasCalendar = current.HasCalendar;
        if (!scope.IsAdmin)
        {
            form.ManagerIds = [.. current.Input.ManagerIds];
        }

        await WithOptionsAsync(form, scope.IsAdmin, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        return await SaveEditAsync(() => projects.UpdateAsync(id, form.ConcurrencyStamp, form.ToInput(), scope, actor, cancellationToken),
            form, L["Admin.Projects.Saved", form.Name ?? ""], domainErrors);
    }

    private async Task<ProjectFormViewModel> WithOptionsAsync(ProjectFormViewModel form, bool canSetManagers, CancellationToken cancellationToken)
    {
        form.CanSetManagers = canSetManagers;
        form.ManagerOptions = await projects.ManagerOptionsAsync(cancellationToken);
        return form;
    }
}
