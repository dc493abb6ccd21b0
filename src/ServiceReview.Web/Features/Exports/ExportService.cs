using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Records;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Exports;

/// <summary>
/// Loads what the score-sheet exports show, with the same authorisation as the pages that show it. Null means "not
/// yours or not there" (the controller answers 404, as the pages do: ADR 0006).
/// </summary>
public sealed class ExportService(ServiceReviewDbContext db, CorrectiveActionService actions, Core.Organisation.OrganisationClock localTime, PlanVersionCache plans)
{
    /// <summary>
    /// The inspection record (检查记录表) with everything the record page shows (issue #14): the sheet, the rulings and the
    /// disputes still open, the attachments by name and the conversation. Who: whoever may see the record
    /// (<see cref="RecordAccess.MaySee"/>: the inspector, any status, so a blank form can be printed too; the team's lead
    /// once it is submitted; managers and administrators); anyone else gets null (404).
    /// </summary>
    public async Task<InspectionRecordData?> InspectionRecordAsync(Actor actor, int inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var facts = await db.RecordFactsAsync(inspectionId, cancellationToken);
        if (facts is null || !actor.MaySee(facts))
        {
            return null;
        }

        var header = await (
            from i in db.Inspections
            join r in db.Rounds on i.RoundId equals r.Id
            join v in db.PlanVersions on i.PlanVersionId equals v.Id
            where i.Id == inspectionId
            select new { r.PeriodStart, r.PeriodEnd, v.Name, v.Number, i.TimeSpentSeconds, i.StartedAt })
            .AsNoTracking()
            .FirstAsync(cancellationToken);
        var sheet = await InspectionSheetLoader.LoadAsync(db, plans, inspectionId, cancellationToken);
        if (sheet is null)
        {
            return null;
        }

        var rulings = await RulingFacts.ForInspectionsAsync(db, [inspectionId], cancellationToken);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.InspectionId == inspectionId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new { a.To, a.IndicatorCode, a.CommentId, a.FileName, a.Size, a.UploadedById, a.UploadedAt })
            .ToListAsync(cancellationToken);
        var comments = await db.Comments.AsNoTracking().Where(c => c.InspectionId == inspectionId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.AuthorId, c.CreatedAt, c.EditedAt, c.IndicatorCode, c.Text })
            .ToListAsync(cancellationToken);
        var open = await db.Disputes.AsNoTracking().Include(d => d.Items)
            .Where(d => d.InspectionId == inspectionId && d.Status == DisputeStatus.Open)
            .OrderBy(d => d.RaisedAt).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var people = attachments.Select(a => a.UploadedById).Concat(comments.Select(c => c.AuthorId)).Concat(open.Select(d => d.RaisedById)).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return new InspectionRecordData(sheet, header.PeriodStart, header.PeriodEnd, header.Name, header.Number, header.TimeSpentSeconds, header.StartedAt)
        {
            Zone = localTime.Zone,
            Rulings = rulings.GetValueOrDefault(inspectionId, []),
            OpenDisputes = [.. open.SelectMany(d => d.Items.Select(i => new OpenDisputeItem(i.IndicatorCode, i.Reason, names.GetValueOrDefault(d.RaisedById, ""), d.RaisedAt)))],
            Attachments = [.. attachments.Select(a => new RecordAttachment(a.To, a.IndicatorCode, a.CommentId, a.FileName, a.Size, names.GetValueOrDefault(a.UploadedById, ""), a.UploadedAt))],
            Comments = [.. comments.Select(c => new RecordComment(c.Id, names.GetValueOrDefault(c.AuthorId, ""), c.CreatedAt, c.EditedAt, c.IndicatorCode, c.Text))],
        };
    }

    /// <summary>
    /// The round evaluation workbook (评估表): in full for managers and administrators; for anyone else only the sheets of
    /// the teams whose result page they may open (their team as lead; a team they inspected, once submitted).
    /// A fixed number of queries whatever the number of teams (issue #15: it was two per team of the round): the round
    /// and the teams this viewer may see in one query, then only those teams' inspections, disputes and actions.
    /// Every figure comes from <see cref="RoundResultsService.Calculate"/> over those teams' stored scores (ranks are
    /// shown only in the full workbook, where every team is loaded).
    /// </summary>
    public async Task<RoundWorkbookData?> RoundWorkbookAsync(Actor actor, int roundId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var full = actor.IsManager;
        var person = actor.PersonId;
        if (!full && person is null)
        {
            return null;
        }

        // The same rule as RoundResultsService.CanViewTeamAsync, for every team of the round in one query.
        var rows = await (
            from r in db.Rounds
            where r.Id == roundId
            from rt in r.Teams
            join t in db.Teams on rt.TeamId equals t.Id
            join p in db.Projects on t.ProjectId equals p.Id
            where full || t.LeadId == person
                || db.Inspections.Any(i => i.RoundId == roundId && i.TeamId == t.Id && i.InspectorId == person && Scored.Contains(i.Status))
            select new
            {
                Round = new RoundSummary(r.Id, r.Name, r.PlanVersionId, r.Status, r.Aggregation, r.PeriodStart, r.PeriodEnd, r.WindowClosesAt),
                Team = new TeamInfo(t.Id, t.Name, p.Name, t.LeadId),
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var round = rows[0].Round;
        var teams = rows.Select(x => x.Team).ToList();
        var visible = teams.Select(t => t.Id).ToList();
        var plan = await db.PlanVersions.AsNoTracking()
            .Include(v => v.Categories).ThenInclude(c => c.Indicators)
            .AsSingleQuery()
            .FirstAsync(v => v.Id == round.PlanVersionId, cancellationToken);

        // A lead's few inspections in one query; the whole round (hundreds of inspections) split, to avoid the
        // entries × category scores product.
        var inspectionQuery = db.Inspections.AsNoTracking()
            .Include(i => i.Entries).Include(i => i.CategoryScores)
            .Where(i => i.RoundId == roundId && (full || visible.Contains(i.TeamId)));
        var inspections = await (full ? inspectionQuery.AsSplitQuery() : inspectionQuery.AsSingleQuery()).ToListAsync(cancellationToken);

        // The disputes of these inspections, once: counted per team, and the ruled ones are the record's rulings.
        var inspectionTeam = inspections.ToDictionary(i => i.Id, i => i.TeamId);
        var disputes = await db.Disputes.AsNoTracking().Include(d => d.Items)
            .Where(d => db.Inspections.Any(i => i.Id == d.InspectionId && i.RoundId == roundId && (full || visible.Contains(i.TeamId))))
            .ToListAsync(cancellationToken);
        var disputesByTeam = disputes
            .Where(d => inspectionTeam.ContainsKey(d.InspectionId))
            .GroupBy(d => inspectionTeam[d.InspectionId])
            .ToDictionary(g => g.Key, g => g.Count());

        // Inspectors and the managers who ruled, in one query.
        var personIds = inspections.Select(i => i.InspectorId)
            .Concat(disputes.Where(d => d.Status == DisputeStatus.Ruled).Select(d => d.RuledById).OfType<int>())
            .Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, p.Email })
            .ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.Email), cancellationToken);
        var computed = RoundResultsService.Calculate(round, plan, teams, inspections, people);
        var grades = plan.GradeBounds.OrderByDescending(g => g.Min).Select(g => g.Grade).Append(Core.Plans.PlanVersion.FailGrade).Distinct().ToList();

        var rowsOfActions = await (
            from a in db.CorrectiveActions
            join t in db.Teams on a.TeamId equals t.Id
            join p in db.Projects on t.ProjectId equals p.Id
            join o in db.People on a.OwnerId equals o.Id
            where a.RoundId == roundId && (full || visible.Contains(a.TeamId))
            select new { a.Id, a.TeamId, Team = t.Name, Project = p.Name, a.IndicatorCode, a.Description, Owner = o.DisplayName, a.DueDate, a.Status, a.RaisedAt, a.DoneAt, a.VerifiedAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        // "Today" in each project's zone, only when there is an action to call overdue.
        var today = rowsOfActions.Count > 0 ? await actions.TodayAsync(cancellationToken) : null;
        var actionRows = rowsOfActions
            .Select(a => new ActionRow(a.Id, a.TeamId, a.Team, a.Project, a.IndicatorCode, a.Description, a.Owner, a.DueDate, a.Status,
                today!.IsOverdue(a.TeamId, a.DueDate, a.Status), a.RaisedAt, a.DoneAt, a.VerifiedAt))
            .OrderByDescending(a => a.Overdue).ThenBy(a => a.DueDate).ThenBy(a => a.Project, StringComparer.Ordinal).ThenBy(a => a.Team, StringComparer.Ordinal).ThenBy(a => a.Id)
            .ToList();

        var rulings = Rulings(disputes.Where(d => d.Status == DisputeStatus.Ruled), people);
        return new RoundWorkbookData(computed, plan.Name, plan.Number, grades, visible, disputesByTeam, actionRows, full) { Zone = localTime.Zone, Rulings = rulings };
    }

    private static readonly InspectionStatus[] Scored = [InspectionStatus.Submitted, InspectionStatus.Disputed, InspectionStatus.Confirmed];

    /// <summary>
    /// The rulings of ruled disputes by inspection, the way <c>RulingFacts</c> reads them (ADR 0023): the latest ruling
    /// per indicator, in code order. Built here from the disputes already loaded, to save the round export two queries.
    /// </summary>
    private static Dictionary<int, IReadOnlyList<RulingFact>> Rulings(IEnumerable<Dispute> ruled, Dictionary<int, (string DisplayName, string Email)> people) =>
        ruled
            .OrderBy(d => d.RuledAt).ThenBy(d => d.Id)
            .SelectMany(d => d.Items.Select(i => new RulingFact(
                d.InspectionId, i.IndicatorCode, i.Outcome, i.Original, i.Ruled, i.Reason, i.Ruling,
                d.RuledById is { } ruler && people.TryGetValue(ruler, out var who) ? who.DisplayName : null, d.RuledAt)))
            .GroupBy(f => (f.InspectionId, f.IndicatorCode))
            .Select(g => g.Last())
            .GroupBy(f => f.InspectionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RulingFact>)g.OrderBy(f => f.IndicatorCode, StringComparer.Ordinal).ToList());
}
