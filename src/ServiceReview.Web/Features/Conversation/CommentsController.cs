using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Conversation;

/// <summary>
/// The conversation's pages: <c>GET /inspections/{id}/conversation</c> (the conversation alone, in the layout),
/// <c>POST /inspections/{id}/comments</c> (write, with files) and <c>POST /inspections/{id}/comments/{commentId}/edit</c>
/// (the author corrects within 15 minutes). A refusal goes back to the page with what was typed and the message next
/// to its field; success goes to the comment on the record. Not found for whoever may not see the record.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CommentsController(
    CommentService comments, ConversationQueries conversations, ICurrentActor currentActor, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The largest request of one comment: its text and a few files (each at most <c>Attachments:MaxFileBytes</c>).</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    [HttpGet("/inspections/{id:int}/conversation")]
    public async Task<IActionResult> Conversation(int id, CancellationToken cancellationToken)
    {
        var view = await conversations.LoadAsync(await currentActor.GetAsync(cancellationToken), id, cancellationToken);
        return view.IsOk ? View(view.Value) : NotFound();
    }

    [HttpPost("/inspections/{id:int}/comments")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Add(int id, CommentForm form, [FromForm(Name = "file")] List<IFormFile>? file, string? back, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var page = BackTo(id, back);
        Outcome<int> added;
        try
        {
            added = await comments.AddAsync(actor, id, form.Indicator, form.Text, file ?? [], cancellationToken);
        }
        catch (UploadRefusedException refusal)
        {
            ConversationDrafts.Keep(TempData, id, form.Text, form.Indicator, "file", UploadRefusals.Message(l, refusal.Code, refusal.Limit));
            return Redirect(page + "#conversation-form");
        }

        if (added.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }

        if (!added.IsOk)
        {
            var (field, message) = OutcomeAnswers.Messages(HttpContext.RequestServices, added).First();
            ConversationDrafts.Keep(TempData, id, form.Text, form.Indicator, field, message);
            return Redirect(page + "#conversation-form");
        }

        TempData.SetStatus(l["Conversation.Added"]);
        return Redirect(page + "#" + CommentLinks.Anchor(added.Value));
    }

    [HttpPost("/inspections/{id:int}/comments/{commentId:int}/edit")]
    public async Task<IActionResult> Edit(int id, int commentId, EditCommentForm form, string? back, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var page = BackTo(id, back);
        var edited = await comments.EditAsync(actor, id, commentId, form.Text, form.Stamp, cancellationToken);
        return this.Answer(
            edited,
            ok: () =>
            {
                TempData.SetStatus(l["Conversation.Edited"]);
                return Redirect(page + "#" + CommentLinks.Anchor(commentId));
            },
            back: () => Redirect(page + "#" + CommentLinks.Anchor(commentId)),
            StatusKind.Danger);
    }

    // Back to the page that showed the form (the record, or the conversation alone): a local path of this record only.
    private string BackTo(int id, string? back)
    {
        var record = "/inspections/" + id.ToString(CultureInfo.InvariantCulture);
        return back is not null && Url.IsLocalUrl(back) && !back.Contains('#', StringComparison.Ordinal)
            && (back == record || back.StartsWith(record + "/", StringComparison.Ordinal) || back.StartsWith(record + "?", StringComparison.Ordinal))
            ? back
            : record;
    }
}
