using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Feedback;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Web.Features.Feedback;

public sealed record FeedbackItem(int Id, string Author, string Text, DateTime CreatedAt);

/// <summary>Feedback notes (反馈) on a team's round result: written by a manager or by a submitted inspector of the team.</summary>
public sealed class FeedbackService(ServiceReviewDbContext db, RoundResultsService results, TimeProvider clock)
{
    public async Task<IReadOnlyList<FeedbackItem>> ListAsync(int roundId, int teamId, CancellationToken cancellationToken = default) =>
        await (
            from f in db.FeedbackNotes
            join p in db.People on f.AuthorId equals p.Id
            where f.RoundId == roundId && f.TeamId == teamId
            orderby f.CreatedAt, f.Id
            select new FeedbackItem(f.Id, p.DisplayName, f.Text, f.CreatedAt))
            .AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>A manager, or an inspector of the team in the round who has submitted, may write feedback.</summary>
    public async Task<bool> CanWriteAsync(Actor actor, int roundId, int teamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.PersonId is { } person && (actor.IsManager || await results.IsSubmittedInspectorAsync(person, roundId, teamId, cancellationToken));
    }

    /// <summary>
    /// Adds a note; not found when the actor may not write on this team's result or the team is not in the round;
    /// invalid when the note refuses its text.
    /// </summary>
    public Task<Outcome> AddAsync(Actor actor, int roundId, int teamId, string text, CancellationToken cancellationToken = default) =>
        Outcome.Of(async () =>
        {
            var inRound = await db.Rounds.AnyAsync(r => r.Id == roundId && r.Teams.Any(t => t.TeamId == teamId), cancellationToken);
            if (!inRound || !await CanWriteAsync(actor, roundId, teamId, cancellationToken))
            {
                return Outcome.NotFound();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var note = new FeedbackNote(roundId, teamId, actor.PersonId!.Value, text, now);
            db.FeedbackNotes.Add(note);
            await db.SaveNewWithAuditAsync(
                () => db.Audit(actor, now, nameof(FeedbackNote), note.Id, "Created", null, $"round {roundId}, team {teamId}: {note.Text}"),
                cancellationToken);
            return Outcome.Ok();
        });
}
