using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.ServiceRecords.Import;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>
/// <c>POST /api/teams/{id}/service-records/import</c> (multipart, field <c>file</c>; <c>?partial=true</c> imports the clean
/// rows only): 200 with the counts, or 422 with the row errors and nothing written. The team's lead, managers, admins.
/// A file over the synchronous limit (<c>Uploads:SynchronousMaxRows</c> / <c>SynchronousMaxBytes</c>) gets 413 with a
/// problem body whose <c>backgroundImport</c> is the page that queues a background import; a file past an upload cap
/// gets 413 (size) or 422 (wrong type, damaged) with a problem body (<see cref="UploadRefusals"/>). Nothing is written.
/// </summary>
[ApiController]
[Route("api/teams/{id:int}/service-records/import")]
[Authorize(Policy = Policies.TeamLeadOrAbove)]
public sealed class ServiceRecordImportController(
    ServiceRecordImporter importer, TeamRecordAccess access, ICurrentActor currentActor, IOptions<UploadOptions> uploads, IStringLocalizer<SharedResource> localizer)
    : ControllerBase
{
    public const long MaxFileBytes = 200L * 1024 * 1024;

    [HttpPost]
    [RequestSizeLimit(MaxFileBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
    public async Task<IActionResult> Import(int id, IFormFile? file, [FromQuery] bool partial, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var team = await access.EditAsync(id, actor, cancellationToken);
        if (!team.IsOk)
        {
            return team.Status == OutcomeStatus.NotFound ? NotFound() : Forbid();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Send the .csv or .xlsx file in the multipart field 'file'.");
            return ValidationProblem(ModelState);
        }

        var background = new Dictionary<string, object?> { ["backgroundImport"] = Url.Action("Import", "ServiceRecords", new { teamId = id }) };
        var limits = uploads.Value;
        if (file.Length > limits.SynchronousMaxBytes)
        {
            var tooBig = UploadRefusedException.TooLarge("SynchronousBytes", limits.SynchronousMaxBytes, bytes: true, "For an immediate import, the file is");
            return UploadRefusals.Problem(localizer, tooBig, background);
        }

        await using var stream = file.OpenReadStream();
        ImportResult result;
        try
        {
            result = await importer.ImportAsync(id, stream, partial, actor, file.FileName, null, cancellationToken, maxRows: limits.SynchronousMaxRows);
        }
        catch (UploadRefusedException refusal)
        {
            return UploadRefusals.Problem(localizer, refusal, refusal.Code.StartsWith("Synchronous", StringComparison.Ordinal) ? background : null);
        }

        var body = new ImportResponse(result.Imported, result.Updated, result.ErrorCount,
            result.Errors.Select(e => new ImportErrorResponse(e.Row, e.Column, e.Value, e.Message, e.Code)).ToList());
        return result.ErrorCount > 0 && !partial ? UnprocessableEntity(body) : Ok(body);
    }
}

public sealed record ImportResponse(int Imported, int Updated, int ErrorCount, IReadOnlyList<ImportErrorResponse> Errors);

public sealed record ImportErrorResponse(int Row, string Column, string? Value, string Message, string Code);
