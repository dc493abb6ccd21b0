using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Dashboards;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Exports;

/// <summary>
/// Excel score sheets (contracts.md): <c>GET /inspections/{id}/export</c>, the inspection record sheet (检查记录表), and
/// <c>GET /rounds/{id}/export</c>, the round evaluation workbook (评估表). Same authorisation as the pages that show
/// them; anything the viewer may not see is a 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ExportsController(
    ExportService exports, HistoryExportService history, DashboardQueries queries, ICurrentActor currentActor, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/inspections/{id:int}/export")]
    public async Task<IActionResult> Inspection(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var data = await exports.InspectionRecordAsync(actor, id, cancellationToken);
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
        var data = await exports.RoundWorkbookAsync(actor, id, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        // Streamed (issue #15): the first sheets leave while the later ones are written; nothing is built in memory.
        var labels = ExportLabelsFactory.Create(l);
        Response.ContentType = ExportLabelsFactory.XlsxContentType;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = labels.Format("Round.FileName", data.Results.Round.Name) }.ToString();

        // The zip and XML writers write synchronously; a buffer keeps those writes few and large.
        HttpContext.Features.Get<IHttpBodyControlFeature>()?.AllowSynchronousIO = true;
        await using (var body = new BufferedStream(Response.Body, 32 * 1024))
        {
            RoundWorkbook.Write(data, labels, body);
            await body.FlushAsync(cancellationToken);
        }

        return new EmptyResult();
    }

    /// <summary>The history export page: choose a range (and a project), see how much it holds, download.</summary>
    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpGet("/Exports/History")]
    public async Task<IActionResult> History(DateOnly? from, DateOnly? to, int? projectId, CancellationToken cancellationToken)
    {
        var (rounds, inspections) = await history.CountAsync(new HistoryFilter(from, to, projectId), cancellationToken);
        return View(new HistoryViewModel
        {
            From = from,
            To = to,
            ProjectId = projectId,
            Projects = await queries.ProjectsAsync(cancellationToken),
            Rounds = rounds,
            Inspections = inspections,
        });
    }

    /// <summary>
    /// Streams every scored inspection's indicator rows in the range as an .xlsx, straight to the response: nothing is
    /// built in memory, so a history of any size downloads within a fixed memory budget.
    /// </summary>
    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpGet("/Exports/History/Download")]
    public async Task<IActionResult> HistoryDownload(DateOnly? from, DateOnly? to, int? projectId, CancellationToken cancellationToken)
    {
        var labels = ExportLabelsFactory.Create(l);
        var name = labels.Format("History.FileName", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        Response.ContentType = ExportLabelsFactory.XlsxContentType;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
        // The zip container writes its central directory when disposed, which may be a synchronous write.
        HttpContext.Features.Get<IHttpBodyControlFeature>()?.AllowSynchronousIO = true;
        await HistoryExport.WriteAsync(history.RowsAsync(new HistoryFilter(from, to, projectId), labels, cancellationToken), labels, Response.Body, cancellationToken);
        return new EmptyResult();
    }
}
