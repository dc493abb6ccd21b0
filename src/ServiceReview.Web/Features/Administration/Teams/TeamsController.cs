using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Audit;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Administration.People;
using ServiceReview.Web.Features.Administration.Projects;
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
    IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 25;

    [HttpGet]
    public async Task<IActionResult> Index(string? q, int? projectId, int page = 1, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return View(new TeamsIndexViewModel(await teams.ListAsync(actor, q, projectId, PageRequest.Of(page, PageSize, PageSize), cancellationToken), q, projectId,
            await projects.OptionsAsync(actor, cancellationToken)));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? projectId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (projectId is { } pid && !actor.Administers(pid))
        {
            return Forbid();
        }

        return View("Form", await WithOptionsAsync(new TeamFormViewModel { ProjectId = projectId }, actor, cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Create(TeamFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        var actor = await currentActor.GetAsync(cancellationToken);
        await WithOptionsAsync(form, actor, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var created = await teams.CreateAsync(form.ToInput(), actor, cancellationToken);
        return this.Answer(created, ok: () => Saved("Admin.Teams.Created", form), form: () => View("Form", form));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var team = await teams.GetAsync(id, actor, cancellationToken);
        var form = team.IsOk ? await WithOptionsAsync(TeamFormViewModel.From(team.Value), actor, cancellationToken) : null;
        return this.Answer(team, ok: () => View("Form", form), form: () => View("Form", form));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, TeamFormViewModel form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var current = await teams.GetAsync(id, actor, cancellationToken);
        if (!current.IsOk)
        {
            return this.Answer(current, ok: () => View("Form", form), form: () => View("Form", form));
        }

        form.Id = id;
        form.ProjectId = current.Value.Input.ProjectId;
        ModelState.Remove(nameof(TeamFormViewModel.ProjectId));
        await WithOptionsAsync(form, actor, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var saved = await teams.UpdateAsync(id, form.ConcurrencyStamp, form.ToInput(), actor, cancellationToken);
        return this.Answer(saved, ok: () => Saved("Admin.Teams.Saved", form), form: () => View("Form", form));
    }

    private RedirectToActionResult Saved(string message, TeamFormViewModel form)
    {
        TempData.SetStatus(l[message, form.Name ?? ""]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<TeamFormViewModel> WithOptionsAsync(TeamFormViewModel form, Actor actor, CancellationToken cancellationToken)
    {
        form.Projects = await projects.OptionsAsync(actor, cancellationToken);
        form.People = await people.OptionsAsync(cancellationToken);
        form.CanCreateProjects = actor.IsAdmin;
        return form;
    }
}
