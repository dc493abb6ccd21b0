using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Infrastructure.ServiceRecords.Import.Background;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Controllers.Api;

/// <summary>
/// <c>GET /api/service-records/imports/{id}</c>: the progress of a background import, polled by the import page. Only the
/// user who uploaded the file sees it; anyone else gets 404, as for an unknown id.
/// </summary>
[ApiController]
[Route("api/service-records/imports/{id:guid}")]
[Authorize(Policy = Policies.TeamLeadOrAbove)]
public sealed class ServiceRecordImportStatusController(ImportQueue queue, ICurrentActor currentActor) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Status(Guid id, CancellationToken ct)
    {
        var status = queue.Find(id);
        var actor = await currentActor.GetAsync(ct);
        if (status is null || status.OwnerUserId is null || status.OwnerUserId != actor.UserId)
        {
            return NotFound();
        }

        return Ok(new ImportStatusResponse(
            status.Id, status.TeamId, status.State.ToString(), status.RowsRead, status.Errors, status.ToWrite, status.RowsWritten,
            status.Percent, status.IsFinished, status.State == ImportJobState.Failed, status.Result?.Written ?? false));
    }
}

/// <summary>The status of a background import: rows read and errors found (validation), rows to write and written, 0–100.</summary>
public sealed record ImportStatusResponse(
    Guid Id, int TeamId, string State, int RowsRead, int Errors, int ToWrite, int Imported, int Percent, bool Done, bool Failed, bool Written);
