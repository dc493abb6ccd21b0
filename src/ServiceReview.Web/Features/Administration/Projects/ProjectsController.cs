using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
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
    IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 25;

    [HttpGet]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return View(new ProjectsIndexViewModel(await projects.ListAsync(actor, q, PageRequest.Of(page, PageSize, PageSize), cancellationToken), q, actor.IsAdmin));
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

        var created = await projects.CreateAsync(form.ToInput(), await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(created, ok: () => Saved("Admin.Projects.Created", form), form: () => View("Form", form));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var project = await projects.GetAsync(id, actor, cancellationToken);
        var form = project.IsOk ? await WithOptionsAsync(ProjectFormViewModel.From(project.Value), actor.IsAdmin, cancellationToken) : null;
        return this.Answer(project, ok: () => View("Form", form), form: () => View("Form", form));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ProjectFormViewModel form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var current = await projects.GetAsync(id, actor, cancellationToken);
        if (!current.IsOk)
        {
            return this.Answer(current, ok: () => View("Form", form), form: () => View("Form", form));
        }

        form.Id = id;
        form.TimeZoneId = current.Value.Input.TimeZoneId;
        form.HasCalendar = current.Value.HasCalendar;
        if (!actor.IsAdmin)
        {
            form.ManagerIds = [.. current.Value.Input.ManagerIds];
        }

        await WithOptionsAsync(form, actor.IsAdmin, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var saved = await projects.UpdateAsync(id, form.ConcurrencyStamp, form.ToInput(), actor, cancellationToken);
        return this.Answer(saved, ok: () => Saved("Admin.Projects.Saved", form), form: () => View("Form", form));
    }

    private RedirectToActionResult Saved(string message, ProjectFormViewModel form)
    {
        TempData.SetStatus(l[message, form.Name ?? ""]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<ProjectFormViewModel> WithOptionsAsync(ProjectFormViewModel form, bool canSetManagers, CancellationToken cancellationToken)
    {
        form.CanSetManagers = canSetManagers;
        form.ManagerOptions = await projects.ManagerOptionsAsync(cancellationToken);
        return form;
    }
}
