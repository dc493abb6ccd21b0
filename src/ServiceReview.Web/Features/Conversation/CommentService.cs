using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Features.Records;

namespace ServiceReview.Web.Features.Conversation;

/// <summary>
/// The conversation on an inspection record (issue #14 item 3): whoever may see the record writes comments on it or on
/// one of its indicators, with files; each comment tells the other participants. Comments are never deleted; their
/// author may correct one for 15 minutes (<see cref="Comment.EditWindow"/>), and the audit log keeps the text before and
/// after. Anyone who may not see the record gets not found.
/// </summary>
public sealed class CommentService(ServiceReviewDbContext db, AttachmentService attachments, Notifier notifier, TimeProvider clock)
{
    public const string AuditEntityType = nameof(Comment);
    public const string Commented = "Commented";
    public const string CommentEdited = "CommentEdited";
    public const string Attached = "Attached";

    /// <summary>The form's and the API's field names, which the errors are reported under.</summary>
    public const string TextField = "text";
    public const string IndicatorField = "indicator";

    /// <summary>
    /// Writes a comment with its files, atomically: the comment, its attachments, their audit lines and the
    /// notifications are saved together or not at all. A file refused while it is read throws
    /// <c>UploadRefusedException</c> before anything is written. The value is the new comment's id.
    /// </summary>
    public async Task<Outcome<int>> AddAsync(Actor actor, int inspectionId, string? indicatorCode, string? text, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(files);
        var facts = await db.RecordFactsAsync(inspectionId, cancellationToken);
        if (facts is null || !actor.MayComment(facts) || actor.PersonId is not { } author)
        {
            return Outcome.NotFound();
        }

        var indicator = string.IsNullOrWhiteSpace(indicatorCode) ? null : indicatorCode.Trim();
        if (indicator is not null && !await IndicatorCodesOf(inspectionId).AnyAsync(c => c == indicator, cancellationToken))
        {
            return Outcome.Invalid(IndicatorField, "Conversation.UnknownIndicator", indicator);
        }

        return OnText(await Outcome.Of(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;

            // The entity checks the text before any file is read; each attempt of the strategy then saves a fresh one.
            _ = new Comment(inspectionId, indicator, author, text ?? "", now);
            var checkedFiles = await attachments.CheckAsync(files, inspectionId, cancellationToken);
            var strategy = db.Database.CreateExecutionStrategy();
            return Outcome.Ok(await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var comment = new Comment(inspectionId, indicator, author, text ?? "", now);
                db.Comments.Add(comment);
                await db.SaveChangesAsync(cancellationToken);
                var added = await attachments.AddAsync(actor, AttachmentOwner.Comment(inspectionId, comment.Id, indicator), checkedFiles, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                db.Audit(actor, now, AuditEntityType, comment.Id, Commented, null, Describe(inspectionId, indicator, $"text={comment.Text}"));
                foreach (var file in added)
                {
                    db.Audit(actor, now, AttachmentService.AuditEntityType, file.Id, Attached, null,
                        Describe(inspectionId, indicator, $"name={file.FileName}; comment={comment.Id.ToString(CultureInfo.InvariantCulture)}"));
                }

                await notifier.CommentedAsync(comment, facts, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return comment.Id;
            }));
        }));
    }

    /// <summary>The author corrects their comment within the edit window; the audit log keeps the text before and after.</summary>
    public async Task<Outcome> EditAsync(Actor actor, int inspectionId, int commentId, string? text, Guid stamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId && c.InspectionId == inspectionId, cancellationToken);
        var facts = comment is null ? null : await db.RecordFactsAsync(comment.InspectionId, cancellationToken);
        if (comment is null || facts is null || !actor.MayComment(facts) || actor.PersonId is not { } person)
        {
            return Outcome.NotFound();
        }

        return OnText(await Outcome.Of(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var before = comment.Text;
            db.ExpectStamp(comment, stamp);
            comment.Edit(person, text ?? "", now);
            db.Audit(actor, now, AuditEntityType, comment.Id, CommentEdited, before, comment.Text);
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok();
        }));
    }

    /// <summary>The indicator codes of the record's plan version.</summary>
    public IQueryable<string> IndicatorCodesOf(int inspectionId) =>
        from i in db.Inspections
        where i.Id == inspectionId
        from c in db.PlanVersions.Where(v => v.Id == i.PlanVersionId).SelectMany(v => v.Categories)
        from x in c.Indicators
        select x.Code;

    /// <summary>
    /// How the audit names a comment's or a file's place, so that the record's timeline finds it:
    /// <c>inspection={id}; indicator={code}; …</c> (the indicator empty for the whole record).
    /// </summary>
    public static string Describe(int inspectionId, string? indicator, string rest) =>
        $"{AuditPrefix(inspectionId)} indicator={indicator}; {rest}";

    /// <summary>The start of every audit value of a record's conversation: <c>inspection={id};</c>.</summary>
    public static string AuditPrefix(int inspectionId) => $"inspection={inspectionId.ToString(CultureInfo.InvariantCulture)};";

    // The comment's own rules (written, not too long) are about its text: their errors belong to the text field.
    private static Outcome<T> OnText<T>(Outcome<T> outcome) =>
        outcome.Status == OutcomeStatus.Invalid ? OnText(outcome.WithoutValue()) : outcome;

    private static Outcome OnText(Outcome outcome) =>
        outcome.Status == OutcomeStatus.Invalid
            ? Outcome.Invalid(outcome.Errors.Select(e => e.Field.Length == 0 && e.DomainCode is "Comment.TextRequired" or "Comment.TooLong" ? e with { Field = TextField } : e))
            : outcome;
}
