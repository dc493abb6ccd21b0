using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Exports;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Controllers;

/// <summary>
/// Excel score sheets (contracts.md): <c>GET /inspections/{id}/export</c>, the inspection record sheet (检查记录表), and
/// <c>GET /rounds/{id}/export</c>, the round evaluation workbook (评估表). Same authorisation as the pages that show
/// them; anything the viewer may not see is a 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ExportsController(ExportService exports, ICurrentActor currentActor, IStringLocalizer<SharedResource> l) : Controller
{
    private bool IsManager => User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Admin);

    [HttpGet("/inspections/{id:int}/export")]
    public async Task<IActionResult> Inspection(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var data = await exports.InspectionRecordAsync(new ExportViewer(actor.PersonId, IsManager), id, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        var labels = ExportLabelsFactory.Create(l);
        var stream = new MemoryStream();
        InspectionRecordSheet.Write(data, labels, stream);
        stream.Position = 0;
        var name = labels.Format("Record.FileName", data.Sheet.TeamName, data.Sheet.InspectorName, data.Sheet.Id);
        return File(stream, ExportLabelsFactory.XlsxContentType, name);
    }

    [HttpGet("/rounds/{id:int}/export")]
    public async Task<IActionResult> Round(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var data = await exports.RoundWorkbookAsync(new ExportViewer(actor.PersonId, IsManager), id, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        var labels = ExportLabelsFactory.Create(l);
        var stream = new MemoryStream();
        RoundWorkbook.Write(data, labels, stream);
        stream.Position = 0;
        return File(stream, ExportLabelsFactory.XlsxContentType, labels.Format("Round.FileName", data.Results.Round.Name));
    }
}
