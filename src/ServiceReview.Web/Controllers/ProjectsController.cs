using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Admin;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Models.Admin;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Controllers;

/// <summary>Administration of projects (项目): name, customer, contract period, time limits, time zone.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ProjectsController(
    ProjectsAdminService projects,
    ICurrentActor currentActor,
    DomainErrorLocalizer domainErrors,
    IStringLocalizer<SharedResource> l) : AdminControllerBase(l)
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await projects.ListAsync(cancellationToken));

    [HttpGet]
    public IActionResult Create() => View("Form", new ProjectFormViewModel());

    [HttpPost]
    public async Task<IActionResult> Create(ProjectFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
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
        var project = await projects.GetAsync(id, cancellationToken);
        return project is null ? NotFound() : View("Form", ProjectFormViewModel.From(project));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ProjectFormViewModel form, CancellationToken cancellationToken)
    {
        var current = await projects.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.TimeZoneId = current.Input.TimeZoneId;
        form.HasCalendar = current.HasCalendar;
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        try
        {
            var result = await projects.UpdateAsync(id, form.Version, form.ToInput(), await currentActor.GetAsync(cancellationToken), cancellationToken);
            if (!result.Succeeded)
            {
                AddErrors(result.Errors);
                return View("Form", form);
            }
        }
        catch (ConcurrencyConflictException ex)
        {
            domainErrors.AddTo(ModelState, ex);
            return View("Form", form);
        }

        TempData.SetStatus(L["Admin.Projects.Saved", form.Name ?? ""]);
        return RedirectToAction(nameof(Index));
    }
}
