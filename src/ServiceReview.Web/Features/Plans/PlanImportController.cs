using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Plans;

/// <summary>
/// <c>POST /api/plans/import</c> (multipart, field <c>file</c>): a plan workbook becomes a new draft → 201
/// <c>{"id": 9}</c>; or 422 <c>{"errors": [{"row", "column", "value", "message"}]}</c> with nothing created.
/// Messages are English and each error carries its stable <c>code</c> and <c>sheet</c> (JSON stays language-neutral).
/// A workbook past an upload cap (<c>Uploads:SmallWorkbooks</c>) gets 413 with a problem body (<see cref="UploadRefusals"/>).
/// </summary>
[ApiController]
[Route("api/plans/import")]
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class PlanImportController(PlanService plans, ICurrentActor currentActor, IStringLocalizer<SharedResource> localizer) : ControllerBase
{
    [HttpPost]
    [RequestSizeLimit(PlansController.MaxUploadBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = PlansController.MaxUploadBytes)]
    [ProducesResponseType<PlanImportCreated>(StatusCodes.Status201Created)]
    [ProducesResponseType<PlanImportErrors>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return UnprocessableEntity(new PlanImportErrors([new PlanImportError("", 0, "file", null, "Plans.Import.NoFile", "No file was sent in the multipart field 'file'.")]));
        }

        await using var stream = file.OpenReadStream();
        PlanImportResult result;
        try
        {
            result = await plans.ImportAsync(await currentActor.GetAsync(cancellationToken), stream, file.FileName, cancellationToken);
        }
        catch (UploadRefusedException refusal)
        {
            return UploadRefusals.Problem(localizer, refusal);
        }

        if (result.VersionId is { } id)
        {
            return Created($"/api/plans/{id}", new PlanImportCreated(id));
        }

        return UnprocessableEntity(new PlanImportErrors([.. result.Errors.Select(e => new PlanImportError(e.Sheet, e.Row, e.Column, e.Value, e.Code, e.Message))]));
    }
}

public sealed record PlanImportCreated(int Id);

public sealed record PlanImportErrors(IReadOnlyList<PlanImportError> Errors);

public sealed record PlanImportError(string Sheet, int Row, string Column, string? Value, string Code, string Message);
