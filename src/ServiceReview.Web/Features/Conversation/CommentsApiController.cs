using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Conversation;

/// <summary>
/// <c>POST /api/inspections/{id}/comments</c> (multipart: <c>text</c>, optional <c>indicator</c>, optional <c>file</c>
/// repeated) → 201 <c>{"id": n}</c> with the comment's place on the record as <c>Location</c>; 400 (errors by field)
/// for a missing text or an indicator not in the record's plan; 413 / 415 / 422 for a refused file (nothing is saved);
/// 404 for whoever may not see the record. Antiforgery as every unsafe request: the <c>RequestVerificationToken</c>
/// header (or form field).
/// </summary>
[ApiController]
[Authorize(Policy = Policies.SignedIn)]
public sealed class CommentsApiController(CommentService comments, ICurrentActor currentActor, IStringLocalizer<SharedResource> localizer) : ControllerBase
{
    [HttpPost("/api/inspections/{id:int}/comments")]
    [RequestSizeLimit(CommentsController.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = CommentsController.MaxRequestBytes)]
    [Consumes("multipart/form-data", "application/x-www-form-urlencoded")]
    public async Task<IActionResult> Add(int id, [FromForm] string? text, [FromForm] string? indicator, [FromForm(Name = "file")] List<IFormFile>? file, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        try
        {
            var added = await comments.AddAsync(actor, id, indicator, text, file ?? [], cancellationToken);
            return this.Answer(added, () => Created(CommentLinks.Of(id, added.Value), new CommentCreated(added.Value)));
        }
        catch (UploadRefusedException refusal)
        {
            return UploadRefusals.Problem(localizer, refusal);
        }
    }
}

public sealed record CommentCreated(int Id);
