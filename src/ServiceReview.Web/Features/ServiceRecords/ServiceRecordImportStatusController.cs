using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Web.Features.ServiceRecords.Import.Background;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>
/// <c>GET /api/service-records/imports/{id}</c>: the progress of a background import, polled by the import page. Read
/// from the database, so any instance answers. Whoever may edit the team's records sees it (the uploader, the team's
/// lead, managers, admins); anyone else gets 404, as for an unknown id.
/// </summary>
[ApiController]
[Route("api/service-records/imports/{id:guid}")]
[Authorize(Policy = Policies.TeamLeadOrAbove)]
public sealed class ServiceRecordImportStatusController(ImportJobQueue imports, ICurrentActor currentActor) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Status(Guid id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (await imports.FindVisibleAsync(id, actor, cancellationToken) is not var (job, _))
        {
            return NotFound();
        }

        return Ok(ImportStatusResponse.From(job));
    }
}

/// <summary>
/// The status of a background import: <c>state</c> is Queued, Reading, Writing (running), Done (rows written), Failed
/// (nothing written: row errors or an unexpected error) or Cancelled; rows read and errors found (validation), rows to
/// write and rows written so far (<c>imported</c>: added and updated; <c>updated</c> once done), 0–100.
/// </summary>
public sealed record ImportStatusResponse(
    Guid Id, int TeamId, string State, int RowsRead, int Errors, int ToWrite, int Imported, int Updated, int Percent, bool Done, bool Failed, bool Written)
{
    public static ImportStatusResponse From(ImportJob job) => new(
        job.Key,
        job.TeamId,
        job.Status switch
        {
            ImportJobStatus.Running => job.Phase.ToString(),
            ImportJobStatus.Succeeded => "Done",
            _ => job.Status.ToString(),
        },
        job.RowsRead,
        job.ErrorCount,
        job.RowsToWrite,
        job.RowsWritten,
        job.Updated,
        job.Percent,
        job.IsFinished,
        job.Status == ImportJobStatus.Failed,
        job.Status == ImportJobStatus.Succeeded);
}
