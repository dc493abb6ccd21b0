using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using NetEscapades.AspNetCore.SecurityHeaders;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Records;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Attachments;

/// <summary>
/// Evidence files (issue #14, ADR 0026): <c>GET /attachments/{id}</c> serves a file and <c>GET /attachments/{id}/thumbnail</c>
/// its thumbnail to those who may see its record (or, for a corrective action's proof without a record, the action);
/// <c>POST /api/inspections/{id}/attachments</c> lets the inspector attach evidence while the record is editable.
/// Anyone else gets 404, as if the file did not exist.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AttachmentsController(
    AttachmentService attachments,
    CorrectiveActionService actions,
    ServiceReviewDbContext db,
    ICurrentActor currentActor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    /// <summary>The audit line of evidence attached from the form: on the inspection, the indicator's code and the file name as the new value.</summary>
    public const string AuditEntityType = ServiceReview.Web.Features.Inspections.InspectionService.AuditEntityType;

    public const string AuditAction = "EvidenceAttached";

    /// <summary>A browser may keep a file for an hour: files never change, but who may see them can.</summary>
    public const int CacheSeconds = 3600;

    /// <summary>Several files in one request: the per-file cap is <c>Attachments:MaxFileBytes</c>.</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The security headers of a served file (<see cref="AttachmentsServiceCollectionExtensions"/>): <c>nosniff</c> and
    /// <c>Content-Security-Policy: default-src 'none'; sandbox</c>, so a file may do nothing in the browser (no script, no
    /// plug-in, no request; a unique origin).
    /// </summary>
    public const string HeaderPolicy = "Attachments";

    [HttpGet("/attachments/{id:int}")]
    [SecurityHeadersPolicy(HeaderPolicy)]
    public async Task<IActionResult> Get(int id, CancellationToken cancellationToken)
    {
        var attachment = await attachments.FindAsync(id, cancellationToken);
        if (attachment is null || !await MaySeeAsync(await currentActor.GetAsync(cancellationToken), attachment, cancellationToken)
            || await attachments.ReadAsync(id, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        var inline = IsInlineImage(attachment.ContentType);
        SetHeaders(attachment.FileName, inline);
        return File(file.Content, attachment.ContentType);
    }

    [HttpGet("/attachments/{id:int}/thumbnail")]
    [SecurityHeadersPolicy(HeaderPolicy)]
    public async Task<IActionResult> Thumbnail(int id, CancellationToken cancellationToken)
    {
        var attachment = await attachments.FindAsync(id, cancellationToken);
        if (attachment?.ThumbnailKey is null || !await MaySeeAsync(await currentActor.GetAsync(cancellationToken), attachment, cancellationToken)
            || await attachments.ReadThumbnailAsync(id, cancellationToken) is not { } thumbnail)
        {
            return NotFound();
        }

        SetHeaders(Path.GetFileNameWithoutExtension(attachment.FileName) + ".thumbnail.jpg", inline: true);
        return File(thumbnail.Content, "image/jpeg");
    }

    /// <summary>
    /// The inspector attaches evidence to the record (no <c>indicator</c>) or to one indicator of its plan while it is
    /// editable: 201 with the files. Another person's record is a 404; the inspector's own record once submitted a 409.
    /// Refused files: 413 (size, count, pixels, inflated size), 415 (type), 422 (damaged); nothing is stored then.
    /// </summary>
    [HttpPost("/api/inspections/{id:int}/attachments")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Attach(int id, [FromForm(Name = "file")] List<IFormFile>? file, [FromForm] string? indicator, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var facts = await db.RecordFactsAsync(id, cancellationToken);
        if (facts is null || actor.PersonId is null || actor.PersonId != facts.InspectorId)
        {
            return NotFound();
        }

        if (!actor.MayAttachEvidence(facts))
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: localizer["Inspections.Flash.AlreadySubmitted"]);
        }

        indicator = string.IsNullOrWhiteSpace(indicator) ? null : indicator.Trim();
        if (indicator is not null && !await PlanCodesOf(id).AnyAsync(c => c == indicator, cancellationToken))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: localizer[UploadRefusals.KeyPrefix + "AttachmentIndicator"]);
        }

        IReadOnlyList<CheckedFile> checkedFiles;
        try
        {
            checkedFiles = await attachments.CheckAsync(file ?? [], id, cancellationToken);
        }
        catch (UploadRefusedException refusal)
        {
            return UploadRefusals.Problem(localizer, refusal);
        }

        if (checkedFiles.Count == 0)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: localizer[UploadRefusals.KeyPrefix + "AttachmentNoFile"]);
        }

        var owner = indicator is null ? AttachmentOwner.Record(id) : AttachmentOwner.Indicator(id, indicator);
        var added = await attachments.AddAsync(actor, owner, checkedFiles, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var attachment in added)
        {
            // On the record, so that its timeline shows the evidence as it was attached.
            db.Audit(actor, now, AuditEntityType, id, AuditAction, null, indicator is null ? attachment.FileName : $"{indicator} {attachment.FileName}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return StatusCode(StatusCodes.Status201Created, added.Select(AttachmentDto.From).ToList());
    }

    private IQueryable<string> PlanCodesOf(int inspectionId) =>
        from i in db.Inspections
        where i.Id == inspectionId
        from v in db.PlanVersions.Where(v => v.Id == i.PlanVersionId)
        from c in v.Categories
        from x in c.Indicators
        select x.Code;

    private async Task<bool> MaySeeAsync(Actor actor, Attachment attachment, CancellationToken cancellationToken)
    {
        if (attachment.InspectionId is { } inspectionId
            && await db.RecordFactsAsync(inspectionId, cancellationToken) is { } facts && actor.MaySee(facts))
        {
            return true;
        }

        // A corrective action's proof is also seen by whoever sees the action: its owner may not see the record it came from.
        return attachment.CorrectiveActionId is { } actionId && await actions.MaySeeAsync(actor, actionId, cancellationToken);
    }

    public static bool IsInlineImage(string contentType) => contentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp";

    private void SetHeaders(string fileName, bool inline)
    {
        var headers = Response.Headers;
        headers[HeaderNames.CacheControl] = string.Create(CultureInfo.InvariantCulture, $"private, max-age={CacheSeconds}");
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
    }
}

/// <summary>One attached file as the JSON answers show it; <c>thumbnail</c> is the thumbnail's URL or null.</summary>
public sealed record AttachmentDto(int Id, string Name, long Size, string ContentType, string? Indicator, string? Thumbnail)
{
    public static AttachmentDto From(Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new(attachment.Id, attachment.FileName, attachment.Size, attachment.ContentType, attachment.IndicatorCode,
            attachment.ThumbnailKey is null ? null : $"/attachments/{attachment.Id}/thumbnail");
    }
}
