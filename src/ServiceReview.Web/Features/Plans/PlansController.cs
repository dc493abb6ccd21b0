using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Plans;

/// <summary>
/// Evaluation plans (评估方案): the list of plans and versions, a version's details with the score preview, the
/// editor for drafts, copy, publish, retire, compare, and the Excel round trip (export, template, import).
/// </summary>
[Authorize(Policy = Policies.ManagerOrAdmin)]
[Route("plans")]
public sealed class PlansController(
    PlanService plans,
    ICurrentActor currentActor,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    public const long MaxUploadBytes = 5 * 1024 * 1024;
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly PlanMessages _messages = new(localizer);

    [HttpGet("")]
    [RememberListQuery]
    public async Task<IActionResult> Index(string? q, int? page, int? size, CancellationToken cancellationToken)
    {
        var search = PagingExtensions.NormaliseSearch(q);
        return View(new PlanIndexViewModel { Plans = await plans.PageAsync(search, PageRequest.Of(page, size, 10), cancellationToken), Search = search });
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create([Bind(Prefix = "NewPlan")] NewPlanInput input, CancellationToken cancellationToken)
    {
        var outcome = ModelState.IsValid
            ? await plans.CreatePlanAsync(await currentActor.GetAsync(cancellationToken), input.Name, input.Description, cancellationToken)
            : null;
        if (outcome is { IsOk: true })
        {
            TempData.SetStatus(localizer["Plans.Create.Done", input.Name.Trim()]);
            return RedirectToAction(nameof(Edit), new { id = outcome.Value });
        }

        var list = await plans.PageAsync(null, PageRequest.Of(1, null, 10), cancellationToken);
        IActionResult Form() => View(nameof(Index), new PlanIndexViewModel { Plans = list, NewPlan = input });
        return outcome is null ? Form() : this.Answer(outcome, ok: Form, form: Form, prefix: "NewPlan.");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await LoadAsync(id, editing: false, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var model = await LoadAsync(id, editing: true, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (model.Version.IsLocked)
        {
            TempData.SetStatus(localizer["Plans.Edit.Locked"], StatusKind.Info);
            return RedirectToAction(nameof(Details), new { id });
        }

        return View(model);
    }

    [HttpPost("{id:int}/rename")]
    public Task<IActionResult> Rename(int id, string name, Guid stamp, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name)
            ? Task.FromResult<IActionResult>(BackToEdit(id, localizer["Plans.Edit.NameRequired"]))
            : EditAsync(id, stamp, "Rename", v => v.Rename(name), cancellationToken);

    [HttpPost("{id:int}/grades")]
    public Task<IActionResult> Grades(int id, GradeBoundsInput input, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Task.FromResult<IActionResult>(BackToEdit(id, FirstModelError()));
        }

        var bounds = input.Bounds
            .Where(b => !string.IsNullOrWhiteSpace(b.Grade) || b.Min is not null || !string.IsNullOrWhiteSpace(b.EnglishLabel))
            .Select(b => new GradeBound(b.Grade?.Trim() ?? "", b.Min ?? 0m, string.IsNullOrWhiteSpace(b.EnglishLabel) ? null : b.EnglishLabel.Trim()))
            .ToList();
        return EditAsync(id, input.Stamp, "GradeBounds", v => v.SetGradeBounds(bounds), cancellationToken);
    }

    [HttpPost("{id:int}/categories/add")]
    public Task<IActionResult> AddCategory(int id, [Bind(Prefix = "NewCategory")] CategoryInput input, CancellationToken cancellationToken) =>
        ModelState.IsValid
            ? EditAsync(id, input.Stamp, $"AddCategory {input.Code}", v => v.AddCategory(input.Code, input.Name, input.Weight), cancellationToken)
            : Task.FromResult<IActionResult>(BackToEdit(id, FirstModelError()));

    [HttpPost("{id:int}/categories/change")]
    public Task<IActionResult> ChangeCategory(int id, CategoryInput input, CancellationToken cancellationToken) =>
        ModelState.IsValid
            ? EditAsync(id, input.Stamp, $"ChangeCategory {input.Code}", v => v.ChangeCategory(input.Code, input.Name, input.Weight), cancellationToken)
            : Task.FromResult<IActionResult>(BackToEdit(id, FirstModelError()));

    [HttpPost("{id:int}/categories/remove")]
    public Task<IActionResult> RemoveCategory(int id, string code, Guid stamp, CancellationToken cancellationToken) =>
        EditAsync(id, stamp, $"RemoveCategory {code}", v => v.RemoveCategory(code), cancellationToken);

    [HttpPost("{id:int}/categories/move")]
    public Task<IActionResult> MoveCategory(int id, string code, int offset, Guid stamp, CancellationToken cancellationToken) =>
        EditAsync(id, stamp, $"MoveCategory {code} {offset:+0;-0}", v => v.MoveCategory(code, offset), cancellationToken);

    [HttpPost("{id:int}/categories/reorder")]
    public Task<IActionResult> ReorderCategories(int id, string[] codes, Guid stamp, CancellationToken cancellationToken) =>
        EditAsync(id, stamp, $"ReorderCategories {string.Join(",", codes)}", v => v.ReorderCategories(codes), cancellationToken);

    [HttpPost("{id:int}/indicators/move")]
    public Task<IActionResult> MoveIndicator(int id, string code, int offset, Guid stamp, CancellationToken cancellationToken) =>
        EditAsync(id, stamp, $"MoveIndicator {code} {offset:+0;-0}", v => v.MoveIndicator(code, offset), cancellationToken);

    [HttpPost("{id:int}/indicators/reorder")]
    public Task<IActionResult> ReorderIndicators(int id, string category, string[] codes, Guid stamp, CancellationToken cancellationToken) =>
        EditAsync(id, stamp, $"ReorderIndicators {category}: {string.Join(",", codes)}", v => v.ReorderIndicators(category, codes), cancellationToken);

    [HttpPost("{id:int}/indicators/remove")]
    public Task<IActionResult> RemoveIndicator(int id, string code, Guid stamp, CancellationToken cancellationToken) =>
        EditAsync(id, stamp, $"RemoveIndicator {code}", v => v.RemoveIndicator(code), cancellationToken);

    [HttpGet("{id:int}/indicators/new")]
    public async Task<IActionResult> NewIndicator(int id, string category, CancellationToken cancellationToken)
    {
        var version = await plans.FindAsync(id, cancellationToken);
        if (version?.FindCategory(category) is not { } found)
        {
            return NotFound();
        }

        if (version.IsLocked)
        {
            return RedirectToAction(nameof(Details), new { id });
        }

        var next = $"{found.Code}.{found.Indicators.Count + 1}";
        var input = new IndicatorForm
        {
            CategoryCode = found.Code,
            Code = next,
            Levels = string.Join("\n", RatingLevel.Defaults.Select(l => IndicatorParameters.FormatLevels([l]))),
            Stamp = version.ConcurrencyStamp,
        };
        return View("Indicator", new IndicatorFormViewModel { Version = version, Input = input });
    }

    [HttpGet("{id:int}/indicators/edit")]
    public async Task<IActionResult> EditIndicator(int id, string code, CancellationToken cancellationToken)
    {
        var version = await plans.FindAsync(id, cancellationToken);
        var category = version?.Categories.FirstOrDefault(c => c.Indicators.Any(i => i.Code == code));
        if (version is null || category is null)
        {
            return NotFound();
        }

        if (version.IsLocked)
        {
            return RedirectToAction(nameof(Details), new { id });
        }

        var input = IndicatorForm.From(category.Code, category.Indicators.First(i => i.Code == code), version.ConcurrencyStamp);
        return View("Indicator", new IndicatorFormViewModel { Version = version, Input = input });
    }

    [HttpPost("{id:int}/indicators/save")]
    public async Task<IActionResult> SaveIndicator(int id, IndicatorForm input, CancellationToken cancellationToken)
    {
        var definition = ModelState.IsValid ? BuildIndicator(input) : null;
        Outcome? outcome = null;
        if (definition is not null)
        {
            var action = input.OriginalCode is null ? $"AddIndicator {input.Code}" : $"ChangeIndicator {input.OriginalCode}";
            outcome = await plans.EditAsync(await currentActor.GetAsync(cancellationToken), id, input.Stamp, action, v =>
            {
                if (input.OriginalCode is null)
                {
                    v.AddIndicator(input.CategoryCode, definition);
                }
                else
                {
                    v.ReplaceIndicator(input.OriginalCode, definition);
                }
            }, cancellationToken);
        }

        var version = outcome is { IsOk: true } ? null : await plans.FindAsync(id, cancellationToken);
        IActionResult Form() => version is null ? NotFound() : View("Indicator", new IndicatorFormViewModel { Version = version, Input = input });
        return outcome is null ? Form() : this.Answer(outcome, ok: () =>
        {
            TempData.SetStatus(localizer["Plans.Indicator.Saved", input.Code.Trim()]);
            return RedirectToAction(nameof(Edit), null, new { id }, $"category-{input.CategoryCode}");
        }, form: Form);
    }

    [HttpPost("{id:int}/copy")]
    public async Task<IActionResult> Copy(int id, CancellationToken cancellationToken)
    {
        var copy = await plans.CopyAsync(await currentActor.GetAsync(cancellationToken), id, cancellationToken);
        return this.Answer(copy, ok: () =>
        {
            TempData.SetStatus(localizer["Plans.Copy.Done"]);
            return RedirectToAction(nameof(Edit), new { id = copy.Value });
        }, back: () => RedirectToAction(nameof(Details), new { id }), StatusKind.Danger);
    }

    [HttpPost("{id:int}/publish")]
    public Task<IActionResult> Publish(int id, Guid stamp, CancellationToken cancellationToken) =>
        TransitionAsync(id, stamp, "Plans.Publish.Done", "Plans.Publish.Already", plans.PublishAsync, cancellationToken);

    [HttpPost("{id:int}/retire")]
    public Task<IActionResult> Retire(int id, Guid stamp, CancellationToken cancellationToken) =>
        TransitionAsync(id, stamp, "Plans.Retire.Done", "Plans.Retire.Already", plans.RetireAsync, cancellationToken);

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, Guid stamp, CancellationToken cancellationToken)
    {
        var outcome = await plans.DeleteDraftAsync(await currentActor.GetAsync(cancellationToken), id, stamp, cancellationToken);
        return this.Answer(outcome, ok: () =>
        {
            TempData.SetStatus(localizer["Plans.Delete.Done"]);
            return Redirect(ListMemory.UrlOf(HttpContext, Url.Action(nameof(Index))!));
        }, back: () => RedirectToAction(nameof(Details), new { id }), StatusKind.Danger);
    }

    [HttpGet("compare")]
    public async Task<IActionResult> Compare(int left, int right, CancellationToken cancellationToken)
    {
        var older = await plans.FindAsync(left, cancellationToken);
        var newer = await plans.FindAsync(right, cancellationToken);
        if (older is null || newer is null)
        {
            return NotFound();
        }

        return View(new PlanCompareViewModel
        {
            Left = older,
            Right = newer,
            Differences = PlanComparer.Compare(older, newer),
            Siblings = await plans.SiblingsAsync(newer.PlanId, cancellationToken),
        });
    }

    [HttpGet("{id:int}/export")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        var version = await plans.FindAsync(id, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        var bytes = PlanWorkbookWriter.Write(version, WorkbookLanguageOfRequest(), localizer["Plans.Status." + version.Status]);
        return File(bytes, XlsxContentType, $"{version.Name}-v{version.Number}.xlsx");
    }

    [HttpGet("template")]
    public IActionResult Template() =>
        File(PlanWorkbookWriter.Template(WorkbookLanguageOfRequest()), XlsxContentType, localizer["Plans.Import.TemplateFileName"] + ".xlsx");

    [HttpGet("import")]
    public IActionResult Import() => View(new PlanImportViewModel());

    [HttpPost("import")]
    [RequestSizeLimit(MaxUploadBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["Plans.Import.NoFile"]);
            return View(new PlanImportViewModel());
        }

        await using var stream = file.OpenReadStream();
        PlanImportResult result;
        try
        {
            result = await plans.ImportAsync(await currentActor.GetAsync(cancellationToken), stream, file.FileName, cancellationToken);
        }
        catch (UploadRefusedException refusal)
        {
            UploadRefusals.AddTo(ModelState, Response, localizer, refusal);
            return View(new PlanImportViewModel { FileName = file.FileName });
        }

        if (result.VersionId is { } id)
        {
            TempData.SetStatus(localizer["Plans.Import.Done", file.FileName]);
            return RedirectToAction(nameof(Edit), new { id });
        }

        return View(new PlanImportViewModel
        {
            FileName = file.FileName,
            Errors = [.. result.Errors.Select(e => new ImportErrorRow(e.Sheet, e.Row, e.Column, e.Value, _messages.Workbook(e)))],
        });
    }

    /// <summary>Chinese workbook titles unless the user reads English.</summary>
    public static WorkbookLanguage WorkbookLanguageOfRequest() =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? WorkbookLanguage.English : WorkbookLanguage.Chinese;

    private async Task<PlanVersionViewModel?> LoadAsync(int id, bool editing, CancellationToken cancellationToken)
    {
        var version = await plans.FindAsync(id, cancellationToken);
        if (version is null)
        {
            return null;
        }

        return new PlanVersionViewModel
        {
            Version = version,
            Problems = [.. version.Validate().Select(_messages.Problem)],
            Rounds = await plans.RoundsUsingAsync(id, cancellationToken),
            Siblings = await plans.SiblingsAsync(version.PlanId, cancellationToken),
            Editing = editing,
            NewCategory = new CategoryInput
            {
                Code = NextCategoryCode(version),
                Stamp = version.ConcurrencyStamp,
            },
            GradeBounds = [.. version.GradeBounds.Select(b => new GradeBoundInput { Grade = b.Grade, Min = b.Min, EnglishLabel = b.EnglishLabel }), new GradeBoundInput()],
        };
    }

    private static string NextCategoryCode(PlanVersion version)
    {
        var numbers = version.Categories.Select(c => int.TryParse(c.Code, out var n) ? n : 0).ToList();
        return ((numbers.Count == 0 ? 0 : numbers.Max()) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IActionResult> EditAsync(int id, Guid stamp, string action, Action<PlanVersion> change, CancellationToken cancellationToken)
    {
        var outcome = await plans.EditAsync(await currentActor.GetAsync(cancellationToken), id, stamp, action, change, cancellationToken);
        return this.Answer(outcome, ok: () =>
        {
            TempData.SetStatus(localizer["Plans.Edit.Saved"]);
            return RedirectToAction(nameof(Edit), new { id });
        }, back: () => outcome.Errors.Any(e => e.DomainCode == "Plan.VersionLocked")
            ? RedirectToAction(nameof(Details), new { id })
            : RedirectToAction(nameof(Edit), new { id }), StatusKind.Danger);
    }

    private async Task<IActionResult> TransitionAsync(
        int id, Guid stamp, string doneKey, string alreadyKey,
        Func<Core.Audit.Actor, int, Guid, CancellationToken, Task<Outcome<PlanTransition>>> transition, CancellationToken cancellationToken)
    {
        var outcome = await transition(await currentActor.GetAsync(cancellationToken), id, stamp, cancellationToken);
        if (outcome.Errors.Any(e => e.Field == PlanService.ProblemsField))
        {
            var problems = OutcomeAnswers.Messages(HttpContext.RequestServices, outcome).Select(m => m.Message);
            TempData.SetStatus(localizer["Plans.Publish.Invalid", string.Join(" ", problems)], StatusKind.Danger);
            return RedirectToAction(nameof(Edit), new { id });
        }

        return this.Answer(outcome, ok: () =>
        {
            var already = outcome.Value == PlanTransition.AlreadyThere;
            TempData.SetStatus(localizer[already ? alreadyKey : doneKey], already ? StatusKind.Info : StatusKind.Success);
            return RedirectToAction(nameof(Details), new { id });
        }, back: () => RedirectToAction(nameof(Details), new { id }), StatusKind.Danger);
    }

    private Indicator? BuildIndicator(IndicatorForm input)
    {
        var code = input.Code.Trim();
        var name = input.Name.Trim();
        switch (input.Kind)
        {
            case RuleKind.Rating:
                var levels = IndicatorParameters.ParseLevels(input.Levels);
                if (!levels.Success)
                {
                    ModelState.AddModelError(nameof(input.Levels), _messages.Format(levels.ErrorCode!, [levels.ErrorText], levels.ErrorCode!));
                    return null;
                }

                return MeasureAllowed(input, RuleKind.Rating)
                    ? Indicator.Rating(code, name, input.Max, levels.Value, input.Standard, input.NaAllowed, input.Critical)
                    : null;
            case RuleKind.Check:
                return MeasureAllowed(input, RuleKind.Check)
                    ? Indicator.Check(code, name, input.Max, input.Standard, input.NaAllowed, input.Critical)
                    : null;
            case RuleKind.Deduction:
                return Indicator.Deduction(code, name, input.Max, input.PerOccurrence ?? 0m, input.Standard, input.NaAllowed, input.Critical, input.Measure);
            case RuleKind.Bands:
                var bands = IndicatorParameters.ParseBands(input.Bands);
                if (!bands.Success)
                {
                    ModelState.AddModelError(nameof(input.Bands), _messages.Format(bands.ErrorCode!, [bands.ErrorText], bands.ErrorCode!));
                    return null;
                }

                return Indicator.Banded(code, name, input.Max, bands.Value.Direction, bands.Value.Bands, input.Standard,
                    string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim(), input.MinValue, input.MaxValue,
                    input.NaAllowed, input.Critical, input.Measure);
            default:
                return null;
        }
    }

    private bool MeasureAllowed(IndicatorForm input, RuleKind kind)
    {
        if (input.Measure is null)
        {
            return true;
        }

        ModelState.AddModelError(nameof(input.Measure), localizer["Plans.Indicator.MeasureNeedsBandsOrDeduction", localizer["Plans.Kind." + kind]]);
        return false;
    }

    private RedirectToActionResult BackToEdit(int id, string message)
    {
        TempData.SetStatus(message, StatusKind.Danger);
        return RedirectToAction(nameof(Edit), new { id });
    }

    private string FirstModelError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? localizer["Plans.Edit.Invalid"];
}
