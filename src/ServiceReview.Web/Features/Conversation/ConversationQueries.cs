using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Records;

namespace ServiceReview.Web.Features.Conversation;

/// <summary>
/// The conversation of one record for its partial, in five queries whatever its length: the access facts, the
/// indicators of its plan, the comments with their authors, their files, and nothing else. Not found for anyone who
/// may not see the record.
/// </summary>
public sealed class ConversationQueries(ServiceReviewDbContext db, TimeProvider clock)
{
    public async Task<Outcome<ConversationView>> LoadAsync(Actor actor, int inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var facts = await db.RecordFactsAsync(inspectionId, cancellationToken);
        if (facts is null || !actor.MaySee(facts))
        {
            return Outcome.NotFound();
        }

        var indicators = await (
            from i in db.Inspections.AsNoTracking()
            where i.Id == inspectionId
            from c in db.PlanVersions.Where(v => v.Id == i.PlanVersionId).SelectMany(v => v.Categories)
            from x in c.Indicators
            orderby c.SortOrder, c.Code, x.SortOrder, x.Code
            select new IndicatorChoice(x.Code, x.Name)).ToListAsync(cancellationToken);
        var names = indicators.ToDictionary(i => i.Code, i => i.Name, StringComparer.Ordinal);

        var rows = await (
            from c in db.Comments.AsNoTracking()
            where c.InspectionId == inspectionId
            join p in db.People on c.AuthorId equals p.Id
            orderby c.CreatedAt, c.Id
            select new { c.Id, c.AuthorId, Author = p.DisplayName, c.CreatedAt, c.IndicatorCode, c.Text, c.EditedAt, c.ConcurrencyStamp })
            .ToListAsync(cancellationToken);

        var files = rows.Count == 0
            ? []
            : await db.Attachments.AsNoTracking()
                .Where(a => a.InspectionId == inspectionId && a.CommentId != null)
                .OrderBy(a => a.Id)
                .Select(a => new { CommentId = a.CommentId!.Value, a.Id, a.FileName, a.Size, a.ContentType, a.Kind })
                .ToListAsync(cancellationToken);
        var filesOf = files.ToLookup(f => f.CommentId);

        var now = clock.GetUtcNow().UtcDateTime;
        var comments = rows.Select(r => new CommentView(
                r.Id, r.Author, r.CreatedAt, r.IndicatorCode,
                r.IndicatorCode is { } code && names.TryGetValue(code, out var name) ? name : null,
                r.Text, r.EditedAt, r.ConcurrencyStamp,
                [.. filesOf[r.Id].Select(f => new CommentAttachmentView(f.Id, f.FileName, f.Size, f.ContentType, f.Kind == AttachmentKind.Image))]))
            .ToList();
        var editable = actor.PersonId is { } person && actor.MayComment(facts)
            ? rows.Where(r => r.AuthorId == person && now - r.CreatedAt <= Comment.EditWindow).Select(r => r.Id).ToHashSet()
            : [];

        return new ConversationView(inspectionId, comments, actor.MayComment(facts), indicators, editable);
    }
}
