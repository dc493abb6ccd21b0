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

/// <summary>Administration of teams (服务组): project, name, lead, members.</summary>
[Authorize(Policy = Policies.Admin)]
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
    public async Task<IActionResult> Index(string? q, int? projectId, int page = 1, CancellationToken cancellationToken = default) =>
        View(new TeamsIndexViewModel(await teams.ListAsync(q, projectId, page, PageSize, cancellationToken), q, projectId,
            await projects.OptionsAsync(cancellationToken)));

    [HttpGet]
    public async Task<IActionResult> Create(int? projectId, CancellationToken cancellationToken) =>
        View("Form", await WithOptionsAsync(new TeamFormViewModel { ProjectId = projectId }, cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create(TeamFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        await WithOptionsAsync(form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var result = await teams.CreateAsync(form.ToInput(), await currentActor.GetAsync(cancellationToken), cancellationToken);
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
        var team = await teams.GetAsync(id, cancellationToken);
        return team is null ? NotFound() : View("Form", await WithOptionsAsync(TeamFormViewModel.From(team), cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, TeamFormViewModel form, CancellationToken cancellationToken)
    {
        var current = await teams.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.ProjectId = current.Input.ProjectId;
        ModelState.Remove(nameof(TeamFormViewModel.ProjectId));
        await WithOptionsAsync(form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        try
        {
            var result = await teams.UpdateAsync(id, form.Version, form.ToInput(), await currentActor.GetAsync(cancellationToken), cancellationToken);
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

        TempData.SetStatus(L["Admin.Teams.Saved", form.Name ?? ""]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<TeamFormViewModel> WithOptionsAsync(TeamFormViewModel form, CancellationToken cancellationToken)
    {
        form.Projects = await projects.OptionsAsync(cancellationToken);
        form.People = await people.OptionsAsync(cancellationToken);
        return form;
    }
}
