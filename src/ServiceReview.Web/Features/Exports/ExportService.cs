using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Records;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Exports;

/// <summary>
/// Loads what the score-sheet exports show, with the same authorisation as the pages that show it. Null means "not
/// yours or not there" (the controller answers 404, as the pages do: ADR 0006).
/// </summary>
public sealed class ExportService(ServiceReviewDbContext db, RoundResultsService results, CorrectiveActionService actions, Core.Organisation.OrganisationClock localTime)
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
        var sheet = await InspectionSheetLoader.LoadAsync(db, inspectionId, cancellationToken);
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
    /// </summary>
    public async Task<RoundWorkbookData?> RoundWorkbookAsync(Actor actor, int roundId, CancellationToken cancellationToken = default)
    {
        var computed = await results.ComputeAsync(roundId, cancellationToken);
        if (computed is null)
        {
            return null;
        }

        var visible = new List<int>();
        foreach (var team in computed.Teams)
        {
            if (await results.CanViewTeamAsync(actor, roundId, team.TeamId, cancellationToken))
            {
                visible.Add(team.TeamId);
            }
        }

        if (visible.Count == 0)
        {
            return null;
        }

        var plan = await db.PlanVersions.AsNoTracking().FirstAsync(v => v.Id == computed.Round.PlanVersionId, cancellationToken);
        var grades = plan.GradeBounds.OrderByDescending(g => g.Min).Select(g => g.Grade).Append(Core.Plans.PlanVersion.FailGrade).Distinct().ToList();

        var disputes = await (
            from d in db.Disputes
            join i in db.Inspections on d.InspectionId equals i.Id
            where i.RoundId == roundId
            group d by i.TeamId into g
            select new { TeamId = g.Key, Count = g.Count() })
            .AsNoTracking()
            .ToDictionaryAsync(x => x.TeamId, x => x.Count, cancellationToken);

        var today = await actions.TodayAsync(cancellationToken);
        var rows = await (
            from a in db.CorrectiveActions
            join t in db.Teams on a.TeamId equals t.Id
            join p in db.Projects on t.ProjectId equals p.Id
            join o in db.People on a.OwnerId equals o.Id
            where a.RoundId == roundId && visible.Contains(a.TeamId)
            select new { a.Id, a.TeamId, Team = t.Name, Project = p.Name, a.IndicatorCode, a.Description, Owner = o.DisplayName, a.DueDate, a.Status, a.RaisedAt, a.DoneAt, a.VerifiedAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var actionRows = rows
            .Select(a => new ActionRow(a.Id, a.TeamId, a.Team, a.Project, a.IndicatorCode, a.Description, a.Owner, a.DueDate, a.Status,
                today.IsOverdue(a.TeamId, a.DueDate, a.Status), a.RaisedAt, a.DoneAt, a.VerifiedAt))
            .OrderByDescending(a => a.Overdue).ThenBy(a => a.DueDate).ThenBy(a => a.Project, StringComparer.Ordinal).ThenBy(a => a.Team, StringComparer.Ordinal).ThenBy(a => a.Id)
            .ToList();

        // The round's rulings in one query (not an IN list of every inspection), kept for the teams this viewer may see.
        var visibleInspections = computed.Teams.Where(t => visible.Contains(t.TeamId)).SelectMany(t => t.Inspections).Select(i => i.Id).ToHashSet();
        var rulings = (await results.RulingsAsync(roundId, cancellationToken))
            .Where(r => visibleInspections.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value);
        return new RoundWorkbookData(computed, plan.Name, plan.Number, grades, visible, disputes, actionRows, actor.IsManager) { Zone = localTime.Zone, Rulings = rulings };
    }
}
