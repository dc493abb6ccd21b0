using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Administration.Projects;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Administration.People;

/// <summary>
/// Administration of people (人员): accounts, roles, inspector profiles (with the projects an inspector may inspect),
/// disabling, passwords, bulk import. Managers see the list and each person read-only; every change is an
/// administrator's (ADR 0013).
/// </summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class PeopleController(
    PeopleAdminService people,
    ProjectsAdminService projects,
    OrganisationImporter importer,
    ICurrentActor currentActor,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const int PageSize = 25;
    public const long MaxImportBytes = 5 * 1024 * 1024;
    public const string PasswordKey = "ServiceReview.Web.Features.Administration.OneTimePassword";

    [HttpGet]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        return View(new PeopleIndexViewModel(await people.ListAsync(q, PageRequest.Of(page, PageSize, PageSize), cancellationToken), q) { CanEdit = actor.IsAdmin });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Form", await WithOptionsAsync(new PersonFormViewModel { HasAccount = true }, cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Create(PersonFormViewModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        await WithOptionsAsync(form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var created = await people.CreateAsync(form.ToInput(), await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(created, ok: () => Saved(created.Value, "Admin.People.Created", form), form: () => View("Form", form));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var person = await people.GetAsync(id, cancellationToken);
        return person is null ? NotFound() : View("Form", await WithOptionsAsync(PersonFormViewModel.From(person), cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Edit(int id, PersonFormViewModel form, CancellationToken cancellationToken)
    {
        var current = await people.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.AccountExists = current.Input.HasAccount;
        form.IsActive = current.IsActive && !current.AccountDisabled;
        form.MustChangePassword = current.MustChangePassword;
        form.Teams = current.Teams;
        await WithOptionsAsync(form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Form", form);
        }

        var saved = await people.UpdateAsync(id, form.ConcurrencyStamp, form.ToInput(), await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(saved, ok: () => Saved(saved.Value, "Admin.People.Saved", form), form: () => View("Form", form));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    public Task<IActionResult> Disable(int id, Guid concurrencyStamp, CancellationToken cancellationToken) =>
        SetActiveAsync(id, concurrencyStamp, false, cancellationToken);

    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    public Task<IActionResult> Enable(int id, Guid concurrencyStamp, CancellationToken cancellationToken) =>
        SetActiveAsync(id, concurrencyStamp, true, cancellationToken);

    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> ResetPassword(int id, CancellationToken cancellationToken)
    {
        var reset = await people.ResetPasswordAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(
            reset,
            ok: () =>
            {
                ShowPasswordOnce(reset.Value);
                TempData.SetStatus(l["Admin.People.PasswordReset"]);
                return RedirectToAction(nameof(Edit), new { id });
            },
            back: () => RedirectToAction(nameof(Edit), new { id }),
            StatusKind.Warning);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Admin)]
    public IActionResult Import() => View(new ImportViewModel(null, null));

    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    [RequestSizeLimit(MaxImportBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", l["Admin.Import.ChooseFile"]);
            return View(new ImportViewModel(null, null));
        }

        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, cancellationToken);
        stream.Position = 0;
        OrganisationImportResult result;
        try
        {
            result = await importer.ImportAsync(stream, await currentActor.GetAsync(cancellationToken), cancellationToken);
        }
        catch (UploadRefusedException refusal)
        {
            UploadRefusals.AddTo(ModelState, Response, l, refusal);
            return View(new ImportViewModel(null, null));
        }

        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        // Shown in this response and nowhere else: the passwords are not stored, so the page is not a redirect.
        Response.Headers.CacheControl = "no-store";
        return View(new ImportViewModel(result, file.FileName));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Admin)]
    public IActionResult Template() =>
        File(OrganisationWorkbook.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", l["Admin.Import.TemplateFileName"] + ".xlsx");

    private async Task<IActionResult> SetActiveAsync(int id, Guid stamp, bool active, CancellationToken cancellationToken)
    {
        var changed = await people.SetActiveAsync(id, stamp, active, await currentActor.GetAsync(cancellationToken), cancellationToken);

        // A second click on the same button warns; a stale page (someone else saved the person since) is a danger.
        return this.Answer(
            changed,
            ok: () =>
            {
                TempData.SetStatus(l[active ? "Admin.People.Enabled" : "Admin.People.Disabled"], StatusKind.Success);
                return RedirectToAction(nameof(Edit), new { id });
            },
            back: () => RedirectToAction(nameof(Edit), new { id }),
            changed.Status == OutcomeStatus.Conflict ? StatusKind.Danger : StatusKind.Warning);
    }

    /// <summary>A person created or saved: the one-time password of a new account, shown once, and the person's page.</summary>
    private RedirectToActionResult Saved(PersonSaved saved, string message, PersonFormViewModel form)
    {
        ShowPasswordOnce(saved.OneTimePassword);
        TempData.SetStatus(l[message, form.DisplayName ?? ""]);
        return RedirectToAction(nameof(Edit), new { id = saved.Id });
    }

    private async Task<PersonFormViewModel> WithOptionsAsync(PersonFormViewModel form, CancellationToken cancellationToken)
    {
        form.Projects = await projects.OptionsAsync(cancellationToken);
        form.CanEdit = (await currentActor.GetAsync(cancellationToken)).IsAdmin;
        return form;
    }

    private void ShowPasswordOnce(string? password)
    {
        if (password is not null)
        {
            TempData[PasswordKey] = password;
        }
    }
}
