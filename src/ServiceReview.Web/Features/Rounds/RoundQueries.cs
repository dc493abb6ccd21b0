using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>What the round pages read: the list, one round's matrix, the form's choices and suggestions.</summary>
public sealed class RoundQueries(ServiceReviewDbContext db, TimeProvider clock)
{
    /// <summary>Suggested inspectors per team (the form's "suggest" fills this many).</summary>
    public const int SuggestedPerTeam = 3;

    /// <summary>One page of rounds, newest period first; the search matches the name, the status keeps one status.</summary>
    public async Task<Paged<RoundListItem>> ListAsync(RoundListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rounds = db.Rounds.AsNoTracking();
        if (PagingExtensions.NormaliseSearch(query.Search) is { } search)
        {
            rounds = rounds.Where(r => r.Name.Contains(search));
        }

        if (query.Status is { } status)
        {
            rounds = rounds.Where(r => r.Status == status);
        }

        var total = await rounds.CountAsync(cancellationToken);
        var size = query.Request.Size;
        var page = PageMath.Clamp(query.Request.Page, total, size);
        var rows = await rounds
            .OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.Id)
            .Skip((page - 1) * size).Take(size)
            .Join(db.PlanVersions, r => r.PlanVersionId, v => v.Id, (r, v) => new
            {
                r.Id,
                r.Name,
                r.PeriodStart,
                r.PeriodEnd,
                PlanName = v.Name,
                PlanNumber = v.Number,
                r.Status,
                r.WindowOpensAt,
                r.WindowClosesAt,
                r.Aggregation,
            })
            .ToListAsync(cancellationToken);

        // Join reorders nothing on the providers we use, but say the order again rather than rely on it.
        rows = [.. rows.OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.Id)];
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.Inspections.AsNoTracking()
            .Where(i => ids.Contains(i.RoundId))
            .GroupBy(i => new { i.RoundId, i.Status })
            .Select(g => new { g.Key.RoundId, g.Key.Status, Count = g.Count(), Late = g.Count(i => i.IsLate) })
            .ToListAsync(cancellationToken);

        var items = rows.Select(r => new RoundListItem(
                r.Id, r.Name, r.PeriodStart, r.PeriodEnd, r.PlanName, r.PlanNumber, r.Status, r.WindowOpensAt, r.WindowClosesAt, r.Aggregation,
                counts.Where(c => c.RoundId == r.Id).ToDictionary(c => c.Status, c => c.Count),
                counts.Where(c => c.RoundId == r.Id).Sum(c => c.Late)))
            .ToList();
        return new Paged<RoundListItem>(items, page, size, total);
    }

    /// <summary>Every round, for <c>GET /api/rounds</c>.</summary>
    public async Task<IReadOnlyList<RoundSummary>> SummariesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Rounds.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.PlanVersionId, r.Status, r.Aggregation })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new RoundSummary(r.Id, r.Name, r.PlanVersionId, r.Status, r.Aggregation)).ToList();
    }

    /// <summary>Every team with its project and its lead's e-mail (null without a lead or an e-mail), for <c>GET /api/teams</c>.</summary>
    public async Task<IReadOnlyList<TeamSummary>> TeamSummariesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Teams.AsNoTracking()
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => new { t.Id, t.Name, Project = p.Name, t.LeadId })
            .GroupJoin(db.People, t => t.LeadId, p => (int?)p.Id, (t, leads) => new { t, leads })
            .SelectMany(x => x.leads.DefaultIfEmpty(), (x, lead) => new { x.t.Id, x.t.Name, x.t.Project, LeadEmail = lead == null ? null : lead.Email })
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(t => new TeamSummary(t.Id, t.Name, t.Project, string.IsNullOrWhiteSpace(t.LeadEmail) ? null : t.LeadEmail)).ToList();
    }

    /// <summary>Published plan versions, and every team with its conflict-free inspectors sorted best first.</summary>
    /// <summary>
    /// A round name not yet taken: <paramref name="name"/> itself, else "name (2)", "name (3)"… (issue #17:
    /// the new-round form no longer proposes the name of an existing round). Names compare exactly.
    /// </summary>
    public async Task<string> FreeNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var taken = (await db.Rounds.AsNoTracking().Where(r => r.Name.Contains(name)).Select(r => r.Name)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var candidate = name;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name} ({n})");
        }

        return candidate;
    }

    public async Task<RoundFormOptions> FormOptionsAsync(CancellationToken cancellationToken = default)
    {
        var plans = await db.PlanVersions.AsNoTracking()
            .Where(v => v.Status == PlanVersionStatus.Published)
            .OrderBy(v => v.Name).ThenByDescending(v => v.Number)
            .Select(v => new PlanVersionOption(v.Id, v.Name, v.Number))
            .ToListAsync(cancellationToken);
        var teams = await LoadTeamsAsync(null, cancellationToken);
        var inspectors = await InspectorsAsync(cancellationToken);
        var options = teams
            .Select(t => new TeamOption(t.Team.Id, t.Team.Name, t.Team.ProjectId, t.ProjectName, t.LeadName,
                inspectors.Where(i => !t.Team.Involves(i.Id) && i.MayInspectProject(t.Team.ProjectId)).ToList())
            {
                Excluded = [.. inspectors.Select(i => ExclusionOf(t.Team, i)).OfType<ExcludedInspector>().OrderBy(x => x.Name, StringComparer.Ordinal)],
            })
            .ToList();
        return new RoundFormOptions(plans, options);
    }

    private static ExcludedInspector? ExclusionOf(Team team, InspectorOption inspector) =>
        team.LeadId == inspector.Id ? new ExcludedInspector(inspector.Id, inspector.Name, "Lead")
        : team.Involves(inspector.Id) ? new ExcludedInspector(inspector.Id, inspector.Name, "Member")
        : !inspector.MayInspectProject(team.ProjectId) ? new ExcludedInspector(inspector.Id, inspector.Name, "Project")
        : null;

    /// <summary>The draft as the edit form shows it; null when there is no such round.</summary>
    public async Task<RoundDraft?> DraftAsync(int id, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.AsNoTracking()
            .Include(r => r.Teams).Include(r => r.Assignments).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return null;
        }

        var teams = round.Teams
            .Select(t => new TeamAssignmentInput(t.TeamId, round.Assignments.Where(a => a.TeamId == t.TeamId).Select(a => a.InspectorId).ToList()))
            .ToList();
        return new RoundDraft(round.Id, round.Status, round.ConcurrencyStamp, new RoundDraftInput(round.Name, round.PeriodStart, round.PeriodEnd,
            round.PlanVersionId, round.WindowOpensAt, round.WindowClosesAt, round.Aggregation, teams));
    }

    /// <summary>The most inspections the reassign page takes at once (a page of the details page at its largest size).</summary>
    public const int MaxReassignAtOnce = 300;

    /// <summary>
    /// A round with its totals over all teams and one page of its teams with their inspectors (the inspections once
    /// open, the assignments while a draft); null when there is no such round. The SQL does not depend on the number
    /// of teams: no candidate lists (read on demand by <see cref="ReassignChoiceAsync"/>), no query per team.
    /// </summary>
    public async Task<RoundDetails?> DetailsAsync(int id, RoundDetailsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == id)
            .Join(db.PlanVersions, r => r.PlanVersionId, v => v.Id, (r, v) => new
            {
                r.Id, r.Name, r.PeriodStart, r.PeriodEnd, r.PlanVersionId, PlanName = v.Name, PlanNumber = v.Number, r.Status,
                r.WindowOpensAt, r.WindowClosesAt, r.Aggregation, r.OpenedAt, r.ClosedAt, r.ConcurrencyStamp,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (round is null)
        {
            return null;
        }

        var draft = round.Status == RoundStatus.Draft;
        var overdue = Overdue(db, clock.GetUtcNow().UtcDateTime).Where(i => i.RoundId == id);
        var totals = await TotalsAsync(id, round.Status, overdue, cancellationToken);

        var roundTeamIds = db.Rounds.Where(r => r.Id == id).SelectMany(r => r.Teams).Select(t => t.TeamId);
        var inspections = db.Inspections.Where(i => i.RoundId == id);
        var assignments = db.Rounds.Where(r => r.Id == id).SelectMany(r => r.Assignments);
        var teams = db.Teams.AsNoTracking().Where(t => roundTeamIds.Contains(t.Id))
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => new { t.Id, t.Name, ProjectName = p.Name, t.LeadId });
        if (PagingExtensions.NormaliseSearch(query.Search) is { } search)
        {
            var people = db.People.Where(p => p.DisplayName.Contains(search)).Select(p => p.Id);
            teams = draft
                ? teams.Where(t => t.Name.Contains(search) || t.ProjectName.Contains(search) || people.Contains(t.LeadId ?? 0)
                    || assignments.Any(a => a.TeamId == t.Id && people.Contains(a.InspectorId)))
                : teams.Where(t => t.Name.Contains(search) || t.ProjectName.Contains(search) || people.Contains(t.LeadId ?? 0)
                    || inspections.Any(i => i.TeamId == t.Id && people.Contains(i.InspectorId)));
        }

        var ordered = query.Sort switch
        {
            RoundTeamSort.Team => teams.OrderBy(t => t.Name).ThenBy(t => t.ProjectName).ThenBy(t => t.Id),
            // Most still to do first: the teams a manager has to chase.
            RoundTeamSort.Progress when !draft => teams
                .OrderByDescending(t => inspections.Count(i => i.TeamId == t.Id && (i.Status == InspectionStatus.Assigned || i.Status == InspectionStatus.InProgress)))
                .ThenBy(t => t.ProjectName).ThenBy(t => t.Name).ThenBy(t => t.Id),
            _ => teams.OrderBy(t => t.ProjectName).ThenBy(t => t.Name).ThenBy(t => t.Id),
        };
        var page = await ordered
            .Select(t => new { t.Id, t.Name, t.ProjectName, LeadName = db.People.Where(p => p.Id == t.LeadId).Select(p => p.DisplayName).FirstOrDefault() })
            .ToPagedAsync(query.Request, cancellationToken);

        var pageTeamIds = page.Items.Select(t => t.Id).ToList();
        var slots = draft
            ? await assignments.Where(a => pageTeamIds.Contains(a.TeamId))
                .Join(db.People, a => a.InspectorId, p => p.Id, (a, p) => new { a.TeamId, a.InspectorId, p.DisplayName })
                .Select(a => new { a.TeamId, Slot = new RoundDetailsSlot(a.InspectorId, a.DisplayName, null) })
                .ToListAsync(cancellationToken)
            : await inspections.Where(i => pageTeamIds.Contains(i.TeamId))
                .Join(db.People, i => i.InspectorId, p => p.Id, (i, p) => new { i, p.DisplayName })
                .Select(x => new
                {
                    x.i.TeamId,
                    Slot = new RoundDetailsSlot(x.i.InspectorId, x.DisplayName,
                        new RoundInspectionSummary(x.i.Id, x.i.Status, x.i.TimeSpentSeconds, x.i.SubmittedAt, x.i.IsLate, x.i.ReopenReason, x.i.ConcurrencyStamp,
                            overdue.Any(o => o.Id == x.i.Id))),
                })
                .ToListAsync(cancellationToken);
        var byTeam = slots.ToLookup(s => s.TeamId, s => s.Slot);
        var rows = page.Map(t => new RoundDetailsTeam(t.Id, t.Name, t.ProjectName, t.LeadName,
            [.. byTeam[t.Id].OrderBy(s => s.InspectorName, StringComparer.Ordinal).ThenBy(s => s.InspectorId)]));

        return new RoundDetails(round.Id, round.Name, round.PeriodStart, round.PeriodEnd, round.PlanVersionId, round.PlanName, round.PlanNumber,
            round.Status, round.WindowOpensAt, round.WindowClosesAt, round.Aggregation, round.OpenedAt, round.ClosedAt,
            round.ConcurrencyStamp, totals, rows);
    }

    /// <summary>
    /// How far back the reminders of overdue inspections and the digest's count reach: rounds whose window closed longer
    /// ago than this are history, not work to chase.
    /// </summary>
    public static readonly TimeSpan OverdueLookBack = TimeSpan.FromDays(14);

    /// <summary>
    /// The overdue rule (逾期), stated once and in the database: an inspection still to do — assigned or in progress —
    /// of a round that is not a draft and whose window closed before <paramref name="utcNow"/>, whether the round is
    /// still open or already closed (the auto-closer closes a round as soon as its window ends, so a rule that asked for
    /// an open round would find almost nothing). With <paramref name="closedAfter"/>, only rounds whose window closed
    /// after it (<see cref="OverdueLookBack"/>). Behind the round page's figure and each row's mark, the late reminders
    /// (<see cref="RoundService.RemindLateAsync"/> and the reminder job's) and the weekly digest's late inspections.
    /// </summary>
    public static IQueryable<Inspection> Overdue(ServiceReviewDbContext db, DateTime utcNow, DateTime? closedAfter = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rounds = db.Rounds.Where(r => r.Status != RoundStatus.Draft && r.WindowClosesAt < utcNow);
        if (closedAfter is { } after)
        {
            rounds = rounds.Where(r => r.WindowClosesAt > after);
        }

        return db.Inspections.AsNoTracking()
            .Where(i => (i.Status == InspectionStatus.Assigned || i.Status == InspectionStatus.InProgress) && rounds.Any(r => r.Id == i.RoundId));
    }

    private async Task<RoundTotals> TotalsAsync(int id, RoundStatus status, IQueryable<Inspection> overdue, CancellationToken cancellationToken)
    {
        var round = db.Rounds.Where(r => r.Id == id);
        if (status == RoundStatus.Draft)
        {
            var teams = await round.SelectMany(r => r.Teams).CountAsync(cancellationToken);
            var planned = await round.SelectMany(r => r.Assignments).CountAsync(cancellationToken);
            return new RoundTotals(teams, planned, new Dictionary<InspectionStatus, int>(), 0, 0, 0);
        }

        var counts = await round
            .Select(r => new { Teams = r.Teams.Count, Overdue = overdue.Count(), OverdueInspectors = overdue.Select(i => i.InspectorId).Distinct().Count() })
            .FirstAsync(cancellationToken);
        var byStatus = await db.Inspections.AsNoTracking().Where(i => i.RoundId == id)
            .GroupBy(i => i.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Late = g.Count(i => i.IsLate) })
            .ToListAsync(cancellationToken);
        return new RoundTotals(counts.Teams, byStatus.Sum(s => s.Count), byStatus.ToDictionary(s => s.Status, s => s.Count),
            byStatus.Sum(s => s.Late), counts.Overdue, counts.OverdueInspectors);
    }

    /// <summary>
    /// The reassign page for some inspections of a round: each chosen inspection, the active inspectors who may take
    /// every reassignable one — free of any conflict of interest with its team, allowed on its project, not already
    /// inspecting that team in this round — best first (least workload, most experience), and everyone else with
    /// the reasons per team. Null when there is no such round. Inspections of other rounds are ignored.
    /// </summary>
    public async Task<ReassignChoice?> ReassignChoiceAsync(int roundId, IReadOnlyCollection<int> inspectionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inspectionIds);
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.Id, r.Name, r.Status }).FirstOrDefaultAsync(cancellationToken);
        if (round is null)
        {
            return null;
        }

        var ids = inspectionIds.Distinct().Take(MaxReassignAtOnce).ToList();
        var chosen = await (
                from i in db.Inspections.AsNoTracking()
                where i.RoundId == roundId && ids.Contains(i.Id)
                join t in db.Teams on i.TeamId equals t.Id
                join p in db.Projects on t.ProjectId equals p.Id
                join person in db.People on i.InspectorId equals person.Id
                select new ReassignInspection(i.Id, t.Id, t.Name, p.Name, i.InspectorId, person.DisplayName, i.Status, i.ConcurrencyStamp))
            .ToListAsync(cancellationToken);
        chosen = [.. chosen.OrderBy(i => i.ProjectName, StringComparer.Ordinal).ThenBy(i => i.TeamName, StringComparer.Ordinal).ThenBy(i => i.InspectorName, StringComparer.Ordinal).ThenBy(i => i.Id)];

        var movable = chosen.Where(i => i.CanReassign).ToList();
        if (round.Status != RoundStatus.Open || movable.Count == 0)
        {
            return new ReassignChoice(round.Id, round.Name, round.Status, chosen, [], []);
        }

        var teamIds = movable.Select(i => i.TeamId).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).Where(t => teamIds.Contains(t.Id)).ToListAsync(cancellationToken);
        var taken = (await db.Inspections.AsNoTracking().Where(i => i.RoundId == roundId && teamIds.Contains(i.TeamId))
                .Select(i => new { i.TeamId, i.InspectorId }).ToListAsync(cancellationToken))
            .Select(x => (x.TeamId, x.InspectorId)).ToHashSet();
        var inspectors = await InspectorsAsync(cancellationToken);

        var candidates = new List<InspectorOption>();
        var excluded = new List<ReassignExcluded>();
        foreach (var inspector in inspectors)
        {
            var reasons = teams
                .Select(team => (team.Name, Reason: ExclusionOf(team, inspector)?.Reason ?? (taken.Contains((team.Id, inspector.Id)) ? "Assigned" : null)))
                .Where(r => r.Reason is not null)
                .Select(r => new ReassignExclusion(r.Name, r.Reason!))
                .OrderBy(r => r.TeamName, StringComparer.Ordinal)
                .ToList();
            if (reasons.Count == 0)
            {
                candidates.Add(inspector);
            }
            else
            {
                excluded.Add(new ReassignExcluded(inspector.Id, inspector.Name, reasons));
            }
        }

        // One inspector inspects a team once: two chosen inspections of one team cannot go to the same person.
        if (movable.GroupBy(i => i.TeamId).Any(g => g.Count() > 1))
        {
            candidates.Clear();
        }

        return new ReassignChoice(round.Id, round.Name, round.Status, chosen, candidates,
            [.. excluded.OrderBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Id)]);
    }

    /// <summary>
    /// Fills every chosen team that has no inspector yet with the <see cref="SuggestedPerTeam"/> best candidates.
    /// "Best" is the least workload, then the most experience; inspectors picked for earlier teams of the same
    /// round count as workload, so the suggestion spreads the work instead of giving every team the same three.
    /// </summary>
    public static IReadOnlyList<TeamAssignmentInput> Suggest(RoundFormOptions options, IReadOnlyList<TeamAssignmentInput> chosen)
    {
        var planned = chosen.SelectMany(t => t.InspectorIds).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<TeamAssignmentInput>();
        foreach (var team in chosen)
        {
            var option = options.Teams.FirstOrDefault(t => t.TeamId == team.TeamId);
            if (team.InspectorIds.Count > 0 || option is null)
            {
                result.Add(team);
                continue;
            }

            var picks = option.Candidates
                .OrderBy(c => c.Workload + planned.GetValueOrDefault(c.Id))
                .ThenByDescending(c => c.YearsOfExperience)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .Take(SuggestedPerTeam)
                .Select(c => c.Id)
                .ToList();
            foreach (var pick in picks)
            {
                planned[pick] = planned.GetValueOrDefault(pick) + 1;
            }

            result.Add(team with { InspectorIds = picks });
        }

        return result;
    }

    /// <summary>Active inspectors, best first: least unfinished work in open rounds, then most years of experience.</summary>
    private async Task<List<InspectorOption>> InspectorsAsync(CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking()
            .Where(p => p.IsActive && p.InspectorProfile != null)
            .Select(p => new { p.Id, p.DisplayName, p.Email, p.InspectorProfile!.Type, p.InspectorProfile.YearsOfExperience, Projects = p.InspectableProjects.Select(x => x.ProjectId).ToList() })
            .ToListAsync(cancellationToken);
        var workload = await db.Inspections.AsNoTracking()
            .Where(i => i.Status == InspectionStatus.Assigned || i.Status == InspectionStatus.InProgress)
            .Join(db.Rounds.Where(r => r.Status == RoundStatus.Open), i => i.RoundId, r => r.Id, (i, _) => i.InspectorId)
            .GroupBy(id => id)
            .Select(g => new { InspectorId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.InspectorId, g => g.Count, cancellationToken);
        return people
            .Select(p => new InspectorOption(p.Id, p.DisplayName, p.Email, p.Type, p.YearsOfExperience, workload.GetValueOrDefault(p.Id)) { ProjectIds = p.Projects })
            .OrderBy(p => p.Workload).ThenByDescending(p => p.YearsOfExperience).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Teams with their members (for the conflict-of-interest rule), project and lead; all teams of live projects when <paramref name="ids"/> is null.</summary>
    private async Task<List<(Team Team, string ProjectName, string? LeadName)>> LoadTeamsAsync(List<int>? ids, CancellationToken cancellationToken)
    {
        var query = db.Teams.AsNoTracking().Include(t => t.Members).AsQueryable();
        if (ids is not null)
        {
            query = query.Where(t => ids.Contains(t.Id));
        }

        var teams = await query.ToListAsync(cancellationToken);
        var projectIds = teams.Select(t => t.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.IsArchived })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var leadIds = teams.Where(t => t.LeadId != null).Select(t => t.LeadId!.Value).Distinct().ToList();
        var leads = await db.People.AsNoTracking().Where(p => leadIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return teams
            .Where(t => ids is not null || !projects[t.ProjectId].IsArchived)
            .Select(t => (Team: t, ProjectName: projects[t.ProjectId].Name, LeadName: t.LeadId is { } lead ? leads.GetValueOrDefault(lead) : null))
            .OrderBy(r => r.ProjectName, StringComparer.Ordinal).ThenBy(r => r.Team.Name, StringComparer.Ordinal)
            .ToList();
    }
}
