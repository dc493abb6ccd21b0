using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Web.Features.Notifications;

/// <summary>
/// The one place that decides who is told about a hand-over. The use cases call it just before their
/// SaveChanges: it only adds <see cref="Notification"/> rows to the context, so they are stored in the same
/// transaction as the state change (or not at all). Keys of these event notifications carry the instant, so a
/// repeated hand-over (submitted again after a reopen) is told again; reminders use stable keys (see
/// <see cref="ReminderJob"/>).
/// </summary>
public sealed class Notifier(ServiceReviewDbContext db)
{
    /// <summary>Round opened: each inspector once, pointing at their inspection list.</summary>
    public void RoundOpened(Round round, IEnumerable<Inspection> inspections, DateTime utcNow)
    {
        foreach (var inspectorId in inspections.Select(i => i.InspectorId).Distinct())
        {
            Add(inspectorId, NotificationKind.Assigned, nameof(Round), round.Id, "/Inspections", $"Assigned:Round:{round.Id}", utcNow);
        }
    }

    /// <summary>Reassigned: the new inspector is told about that one inspection.</summary>
    public void Reassigned(Inspection inspection, DateTime utcNow) =>
        Add(inspection.InspectorId, NotificationKind.Assigned, nameof(Inspection), inspection.Id, $"/Inspections/Fill/{inspection.Id}",
            EventKey(NotificationKind.Assigned, nameof(Inspection), inspection.Id, utcNow), utcNow);

    /// <summary>
    /// A manager reminds an inspector of their overdue inspections in a round (issue #17): one notice per inspector and
    /// round, pointing at their inspection list; the key carries the instant, so a later reminder is told again.
    /// </summary>
    public void RemindedOverdue(int roundId, int inspectorId, DateTime utcNow) =>
        Add(inspectorId, NotificationKind.Overdue, nameof(Round), roundId, "/Inspections",
            EventKey(NotificationKind.Overdue, nameof(Round), roundId, utcNow), utcNow);

    /// <summary>Submitted: the lead of the inspected team is to review it.</summary>
    public async Task SubmittedAsync(Inspection inspection, DateTime utcNow, CancellationToken cancellationToken = default)
    {
        var leadId = await LeadOfAsync(inspection.TeamId, cancellationToken);
        if (leadId is { } lead)
        {
            Add(lead, NotificationKind.SubmittedForReview, nameof(Inspection), inspection.Id, $"/Reviews/Review/{inspection.Id}",
                EventKey(NotificationKind.SubmittedForReview, nameof(Inspection), inspection.Id, utcNow), utcNow);
        }
    }

    /// <summary>
    /// Disputed: the managers of the inspected team's project are to arbitrate; when the project names no active
    /// manager, every active manager is told, and in an organisation without managers its administrators, so a
    /// dispute never goes unseen.
    /// </summary>
    public async Task DisputedAsync(Inspection inspection, DateTime utcNow, CancellationToken cancellationToken = default)
    {
        var managers = await ArbitersAsync(inspection.TeamId, cancellationToken);
        foreach (var manager in managers)
        {
            Add(manager, NotificationKind.Disputed, nameof(Inspection), inspection.Id, "/Disputes",
                EventKey(NotificationKind.Disputed, nameof(Inspection), inspection.Id, utcNow), utcNow);
        }
    }

    /// <summary>Ruled: the lead who disputed and the inspector, both pointed at the record, where the ruling is read.</summary>
    public void Ruled(Dispute dispute, Inspection inspection, DateTime utcNow)
    {
        var key = EventKey(NotificationKind.Ruled, nameof(Inspection), inspection.Id, utcNow);
        var record = RecordLink.Href(inspection.Id);
        Add(dispute.RaisedById, NotificationKind.Ruled, nameof(Inspection), inspection.Id, record, key, utcNow);
        if (inspection.InspectorId != dispute.RaisedById)
        {
            Add(inspection.InspectorId, NotificationKind.Ruled, nameof(Inspection), inspection.Id, record, key, utcNow);
        }
    }

    /// <summary>An action changed hands: raised → owner and lead; done → raiser; sent back → owner; verified → owner and lead.</summary>
    public async Task ActionAsync(CorrectiveAction action, DateTime utcNow, CancellationToken cancellationToken = default) =>
        Action(action, await LeadOfAsync(action.TeamId, cancellationToken), utcNow);

    /// <summary>As <see cref="ActionAsync"/>, with the team's lead already known (raising several actions at once).</summary>
    public void Action(CorrectiveAction action, int? teamLeadId, DateTime utcNow)
    {
        var kind = action.Status switch
        {
            CorrectiveActionStatus.Open => NotificationKind.ActionRaised,
            CorrectiveActionStatus.Done => NotificationKind.ActionDone,
            CorrectiveActionStatus.SentBack => NotificationKind.ActionSentBack,
            _ => NotificationKind.ActionVerified,
        };
        List<int> recipients = kind switch
        {
            NotificationKind.ActionDone => [action.RaisedById],
            NotificationKind.ActionSentBack => [action.OwnerId],
            _ when teamLeadId is { } lead => [action.OwnerId, lead],
            _ => [action.OwnerId],
        };
        var key = EventKey(kind, nameof(CorrectiveAction), action.Id, utcNow);
        foreach (var recipient in recipients.Distinct())
        {
            Add(recipient, kind, nameof(CorrectiveAction), action.Id, $"/Actions/Details/{action.Id}", key, utcNow);
        }
    }

    /// <summary>
    /// A comment on a record tells the other participants of its conversation, never its author: the inspector; the
    /// team's lead once the record is submitted; every active manager or administrator who has commented on the record
    /// or ruled a dispute of it; and, while it is disputed, the managers who arbitrate it (chosen as
    /// <see cref="DisputedAsync"/> chooses them). The link opens the comment on the record's page.
    /// </summary>
    public async Task CommentedAsync(Comment comment, RecordFacts record, DateTime utcNow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(record);
        var recipients = new List<int> { record.InspectorId };
        if (record.Status is InspectionStatus.Submitted or InspectionStatus.Disputed or InspectionStatus.Confirmed
            && await LeadOfAsync(record.TeamId, cancellationToken) is { } lead)
        {
            recipients.Add(lead);
        }

        var managers = ActiveWithRole(Roles.Manager).Union(ActiveWithRole(Roles.Admin));
        var commenters = db.Comments.Where(c => c.InspectionId == record.InspectionId).Select(c => c.AuthorId);
        var rulers = db.Disputes.Where(d => d.InspectionId == record.InspectionId && d.RuledById != null).Select(d => d.RuledById!.Value);
        recipients.AddRange(await managers.Where(id => commenters.Contains(id) || rulers.Contains(id)).ToListAsync(cancellationToken));
        if (record.Status == InspectionStatus.Disputed)
        {
            recipients.AddRange(await ArbitersAsync(record.TeamId, cancellationToken));
        }

        var key = EventKey(NotificationKind.Commented, nameof(Comment), comment.Id, utcNow);
        var link = $"/inspections/{record.InspectionId}#comment-{comment.Id}";
        foreach (var recipient in recipients.Where(r => r != comment.AuthorId).Distinct())
        {
            Add(recipient, NotificationKind.Commented, nameof(Inspection), record.InspectionId, link, key, utcNow);
        }
    }

    // Who arbitrates a dispute of the team's records: the project's active managers, else every active manager, else
    // the administrators (told of a dispute, and of comments while it is open).
    private async Task<List<int>> ArbitersAsync(int teamId, CancellationToken cancellationToken)
    {
        var projectManagers = db.Teams.Where(t => t.Id == teamId)
            .SelectMany(t => db.Projects.Where(p => p.Id == t.ProjectId).SelectMany(p => p.Managers.Select(m => m.PersonId)));
        var managers = await ActiveWithRole(Roles.Manager).Where(id => projectManagers.Contains(id)).ToListAsync(cancellationToken);
        if (managers.Count == 0)
        {
            managers = await ActiveWithRole(Roles.Manager).ToListAsync(cancellationToken);
        }

        return managers.Count == 0 ? await ActiveWithRole(Roles.Admin).ToListAsync(cancellationToken) : managers;
    }

    private IQueryable<int> ActiveWithRole(string role) => (
        from p in db.People
        join ur in db.UserRoles on p.UserId equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == role && p.IsActive
        select p.Id).Distinct();

    /// <summary>The lead of a team, if it has one.</summary>
    public Task<int?> LeadOfAsync(int teamId, CancellationToken cancellationToken = default) =>
        db.Teams.Where(t => t.Id == teamId).Select(t => t.LeadId).FirstOrDefaultAsync(cancellationToken);

    public static string EventKey(NotificationKind kind, string subjectType, int subjectId, DateTime utcNow) =>
        $"{kind}:{subjectType}:{subjectId}:{utcNow.Ticks}";

    private void Add(int recipientId, NotificationKind kind, string subjectType, int subjectId, string link, string key, DateTime utcNow)
    {
        // Two adds of one key in one save (a person who is both owner and lead) would break the unique index.
        if (db.Notifications.Local.Any(n => n.RecipientId == recipientId && n.Key == key))
        {
            return;
        }

        db.Notifications.Add(new Notification(recipientId, kind, subjectType, subjectId, link, key, utcNow));
    }
}
