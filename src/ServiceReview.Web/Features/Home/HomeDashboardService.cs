using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Web.Features.Home;

public sealed record InspectionTodo(int Id, string RoundName, string TeamName, InspectionStatus Status, DateTime WindowClosesAt)
{
    /// <summary>Who inspected it: set for the lead's inspections to confirm, so items of one team and round are told apart.</summary>
    public string? InspectorName { get; init; }

    /// <summary>When it was submitted (UTC), for the lead's inspections to confirm.</summary>
    public DateTime? SubmittedAt { get; init; }

    /// <summary>The total score and grade, for the lead's inspections to confirm.</summary>
    public decimal? Total { get; init; }

    public string? Grade { get; init; }

    /// <summary>The plan version the inspection is scored under (the grade's names come from it).</summary>
    public int PlanVersionId { get; init; }
}

/// <summary>A corrective action to do or verify; <see cref="InspectionId"/> is the inspection it was raised from, if any.</summary>
public sealed record ActionTodo(int Id, int TeamId, string TeamName, string? IndicatorCode, string Description, DateOnly DueDate, CorrectiveActionStatus Status, bool IsOverdue)
{
    public int? InspectionId { get; init; }
}

public sealed record DisputeTodo(int Id, int InspectionId, string RoundName, string TeamName, DateTime RaisedAt);

/// <summary>An open round: how far its inspections are, and how many of its teams have every inspection confirmed.</summary>
public sealed record RoundTodo(int Id, string Name, DateTime WindowClosesAt, int Inspections, int Submitted, int Confirmed, int TeamsReady, int Teams);

/// <summary>What needs the user's attention now, per role; the lists are short (top items) and the counts complete.</summary>
public sealed class HomeDashboard
{
    public IReadOnlyList<InspectionTodo> ToFill { get; init; } = [];

    public int ToFillCount { get; init; }

    public IReadOnlyList<ActionTodo> ToVerify { get; init; } = [];

    public int ToVerifyCount { get; init; }

    public IReadOnlyList<InspectionTodo> ToConfirm { get; init; } = [];

    public int ToConfirmCount { get; init; }

    public IReadOnlyList<ActionTodo> ToDo { get; init; } = [];

    public int ToDoCount { get; init; }

    public IReadOnlyList<DisputeTodo> Disputes { get; init; } = [];

    public int DisputeCount { get; init; }

    public IReadOnlyList<RoundTodo> OpenRounds { get; init; } = [];

    public int OverdueActionCount { get; init; }

    /// <summary>The inspections of these lists whose record the user may open (issue #14): each gets a link to it.</summary>
    public IReadOnlySet<int> Records { get; init; } = new HashSet<int>();
}

/// <summary>Builds the home page's to-do lists with a few grouped queries per role.</summary>
public sealed class HomeDashboardService(ServiceReviewDbContext db, CorrectiveActionService actions)
{
    public const int ListLength = 5;

    /// <summary>The actor's to-do lists: an inspector's, a lead's and a manager's, as many as their roles.</summary>
    public async Task<HomeDashboard> BuildAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (personId, isInspector, isLead, isManager) = (actor.PersonId, actor.IsInspector, actor.IsTeamLead, actor.IsManager);
        var today = await actions.TodayAsync(cancellationToken);
        var top = PageRequest.Of(1, ListLength, ListLength);
        var toFill = Paged.Empty<InspectionTodo>(top);
        var toConfirm = Paged.Empty<InspectionTodo>(top);
        var toVerify = Paged.Empty<ActionTodo>(top);
        var toDo = Paged.Empty<ActionTodo>(top);
        var disputes = Paged.Empty<DisputeTodo>(top);
        List<RoundTodo> rounds = [];
        var overdue = 0;

        // Each list is counted and cut in the database: the page shows the first few and the complete count.
        if (isInspector && personId is not null)
        {
            toFill = await (
                from i in db.Inspections
                join r in db.Rounds on i.RoundId equals r.Id
                join t in db.Teams on i.TeamId equals t.Id
                where i.InspectorId == personId && r.Status == RoundStatus.Open
                    && (i.Status == InspectionStatus.Assigned || i.Status == InspectionStatus.InProgress)
                orderby r.WindowClosesAt, t.Name, i.Id
                select new InspectionTodo(i.Id, r.Name, t.Name, i.Status, r.WindowClosesAt))
                .AsNoTracking().ToPagedAsync(top, cancellationToken);
        }

        if ((isInspector || isManager) && personId is not null)
        {
            var done = await actions.PageAsync(actor, CorrectiveActionStatus.Done, overdueOnly: false, search: null, top, cancellationToken);
            toVerify = done.Map(ToTodo);
        }

        if (isLead && personId is not null)
        {
            toConfirm = await (
                from i in db.Inspections
                join r in db.Rounds on i.RoundId equals r.Id
                join t in db.Teams on i.TeamId equals t.Id
                join p in db.People on i.InspectorId equals p.Id
                where t.LeadId == personId && i.Status == InspectionStatus.Submitted
                orderby r.WindowClosesAt, i.SubmittedAt, i.Id
                select new InspectionTodo(i.Id, r.Name, t.Name, i.Status, r.WindowClosesAt)
                {
                    InspectorName = p.DisplayName,
                    SubmittedAt = i.SubmittedAt,
                    Total = i.Total,
                    Grade = i.Grade,
                    PlanVersionId = i.PlanVersionId,
                })
                .AsNoTracking().ToPagedAsync(top, cancellationToken);

            // Overdue actions have the earliest due dates, so the due-date order puts them first.
            var open = await (
                from a in db.CorrectiveActions
                join t in db.Teams on a.TeamId equals t.Id
                where (t.LeadId == personId || a.OwnerId == personId)
                    && (a.Status == CorrectiveActionStatus.Open || a.Status == CorrectiveActionStatus.SentBack)
                orderby a.DueDate, a.Id
                select new ActionTodo(a.Id, a.TeamId, t.Name, a.IndicatorCode, a.Description, a.DueDate, a.Status, false) { InspectionId = a.InspectionId })
                .AsNoTracking().ToPagedAsync(top, cancellationToken);
            toDo = open.Map(a => a with { IsOverdue = today.IsOverdue(a.TeamId, a.DueDate, a.Status) });
        }

        if (isManager)
        {
            disputes = await (
                from d in db.Disputes
                join i in db.Inspections on d.InspectionId equals i.Id
                join r in db.Rounds on i.RoundId equals r.Id
                join t in db.Teams on i.TeamId equals t.Id
                where d.Status == DisputeStatus.Open
                orderby d.RaisedAt, d.Id
                select new DisputeTodo(d.Id, i.Id, r.Name, t.Name, d.RaisedAt))
                .AsNoTracking().ToPagedAsync(top, cancellationToken);

            var byRound = await (
                from i in db.Inspections
                join r in db.Rounds on i.RoundId equals r.Id
                where r.Status == RoundStatus.Open
                group i by new { r.Id, r.Name, r.WindowClosesAt, i.TeamId } into g
                select new
                {
                    g.Key.Id,
                    g.Key.Name,
                    g.Key.WindowClosesAt,
                    Total = g.Count(),
                    Submitted = g.Count(i => i.Status == InspectionStatus.Submitted || i.Status == InspectionStatus.Disputed || i.Status == InspectionStatus.Confirmed),
                    Confirmed = g.Count(i => i.Status == InspectionStatus.Confirmed),
                })
                .AsNoTracking().ToListAsync(cancellationToken);
            rounds = byRound.GroupBy(x => (x.Id, x.Name, x.WindowClosesAt))
                .Select(g => new RoundTodo(g.Key.Id, g.Key.Name, g.Key.WindowClosesAt, g.Sum(x => x.Total), g.Sum(x => x.Submitted),
                    g.Sum(x => x.Confirmed), g.Count(x => x.Confirmed == x.Total), g.Count()))
                .OrderBy(r => r.WindowClosesAt).ToList();

            overdue = await db.CorrectiveActions.CountAsync(today.Overdue(), cancellationToken);
        }

        // The inspection each action to verify was raised from, and which of all the lists' inspections the user may open.
        var verifyIds = toVerify.Items.Select(a => a.Id).ToList();
        var raisedFrom = verifyIds.Count == 0
            ? []
            : await db.CorrectiveActions.AsNoTracking().Where(a => verifyIds.Contains(a.Id) && a.InspectionId != null)
                .ToDictionaryAsync(a => a.Id, a => a.InspectionId, cancellationToken);
        var verify = toVerify.Items.Select(a => a with { InspectionId = raisedFrom.GetValueOrDefault(a.Id) }).ToList();
        var inspections = toFill.Items.Select(i => i.Id).Concat(toConfirm.Items.Select(i => i.Id)).Concat(disputes.Items.Select(d => d.InspectionId))
            .Concat(verify.Concat(toDo.Items).Select(a => a.InspectionId).OfType<int>())
            .Distinct().ToList();
        var records = await RecordLink.VisibleAsync(db, actor, inspections, cancellationToken);

        return new HomeDashboard
        {
            Records = records,
            ToFill = toFill.Items,
            ToFillCount = toFill.Total,
            ToVerify = verify,
            ToVerifyCount = toVerify.Total,
            ToConfirm = toConfirm.Items,
            ToConfirmCount = toConfirm.Total,
            ToDo = toDo.Items,
            ToDoCount = toDo.Total,
            Disputes = disputes.Items,
            DisputeCount = disputes.Total,
            OpenRounds = rounds,
            OverdueActionCount = overdue,
        };
    }

    private static ActionTodo ToTodo(ActionListItem a) => new(a.Id, a.TeamId, a.TeamName, a.IndicatorCode, a.Description, a.DueDate, a.Status, a.IsOverdue);
}
