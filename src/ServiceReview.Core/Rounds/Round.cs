using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;

namespace ServiceReview.Core.Rounds;

public enum RoundStatus
{
    /// <summary>Being planned: teams and inspectors can change.</summary>
    Draft,

    /// <summary>Inspections exist and may be filled while the window is open.</summary>
    Open,

    /// <summary>The window has ended; late work is flagged.</summary>
    Closed,
}

/// <summary>
/// A round (考评批次): one campaign that judges a service period with one plan version, over some teams,
/// each inspected by one or more inspectors within an inspection window.
/// </summary>
public sealed class Round : Entity, IConcurrencyStamped
{
    private readonly List<RoundTeam> _teams = [];
    private readonly List<RoundAssignment> _assignments = [];

    private Round()
    {
    }

    public Round(string name, DateOnly periodStart, DateOnly periodEnd, int planVersionId,
        DateTime windowOpensAt, DateTime windowClosesAt, AggregationMethod aggregation)
    {
        SetDetails(name, periodStart, periodEnd, planVersionId, windowOpensAt, windowClosesAt, aggregation);
        Status = RoundStatus.Draft;
    }

    public string Name { get; private set; } = "";

    /// <summary>First day of the service period judged (in the project's time zone).</summary>
    public DateOnly PeriodStart { get; private set; }

    /// <summary>Last day of the service period judged, inclusive.</summary>
    public DateOnly PeriodEnd { get; private set; }

    public int PlanVersionId { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime WindowOpensAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime WindowClosesAt { get; private set; }

    public AggregationMethod Aggregation { get; private set; }

    public RoundStatus Status { get; private set; }

    public DateTime? OpenedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public IReadOnlyList<RoundTeam> Teams => _teams;

    public IReadOnlyList<RoundAssignment> Assignments => _assignments;

    /// <summary>Only a draft can be deleted: an open or closed round has inspections that refer to it.</summary>
    public bool CanBeDeleted => Status == RoundStatus.Draft;

    /// <summary>Changes what a draft round judges and when; the same rules as a new round apply.</summary>
    public void Update(string name, DateOnly periodStart, DateOnly periodEnd, int planVersionId,
        DateTime windowOpensAt, DateTime windowClosesAt, AggregationMethod aggregation)
    {
        EnsureDraft();
        SetDetails(name, periodStart, periodEnd, planVersionId, windowOpensAt, windowClosesAt, aggregation);
    }

    /// <summary>
    /// Makes the draft's teams exactly <paramref name="teamIds"/>: teams no longer named leave with their
    /// assignments, new teams join without inspectors.
    /// </summary>
    public void ChangeTeams(IEnumerable<int> teamIds)
    {
        EnsureDraft();
        var wanted = teamIds.ToHashSet();
        foreach (var gone in _teams.Where(t => !wanted.Contains(t.TeamId)).Select(t => t.TeamId).ToList())
        {
            RemoveTeam(gone);
        }

        foreach (var teamId in wanted)
        {
            AddTeam(teamId);
        }
    }

    /// <summary>Refuses to delete a round that is no longer a draft.</summary>
    public void EnsureCanBeDeleted()
    {
        if (!CanBeDeleted)
        {
            throw new DomainException("Round.NotDraft", "The round is already open: its teams and inspectors are fixed.");
        }
    }

    public void AddTeam(int teamId)
    {
        EnsureDraft();
        if (_teams.All(t => t.TeamId != teamId))
        {
            _teams.Add(new RoundTeam(teamId));
        }
    }

    public void RemoveTeam(int teamId)
    {
        EnsureDraft();
        _teams.RemoveAll(t => t.TeamId == teamId);
        _assignments.RemoveAll(a => a.TeamId == teamId);
    }

    /// <summary>Assigns an inspector to a team of the round; refuses a conflict of interest.</summary>
    public void Assign(Team team, Person inspector)
    {
        EnsureDraft();
        if (_teams.All(t => t.TeamId != team.Id))
        {
            throw new DomainException("Round.TeamNotInRound", "The team is not in this round.", team.Name);
        }

        EnsureCanInspect(team, inspector);
        if (_assignments.All(a => a.TeamId != team.Id || a.InspectorId != inspector.Id))
        {
            _assignments.Add(new RoundAssignment(team.Id, inspector.Id));
        }
    }

    public void Unassign(int teamId, int inspectorId)
    {
        EnsureDraft();
        _assignments.RemoveAll(a => a.TeamId == teamId && a.InspectorId == inspectorId);
    }

    /// <summary>
    /// Opens the round and creates one inspection per (team, inspector), each with an empty entry for every
    /// indicator of the round's plan version.
    /// </summary>
    public IReadOnlyList<Inspection> Open(PlanVersion plan, DateTime utcNow)
    {
        EnsureDraft();
        if (plan.Id != PlanVersionId)
        {
            throw new ArgumentException("The plan version is not the round's.", nameof(plan));
        }

        if (plan.Status != PlanVersionStatus.Published)
        {
            throw new DomainException("Round.PlanNotPublished", "A round can only use a published plan version.");
        }

        if (Id == 0)
        {
            throw new InvalidOperationException("Save the round before opening it: its inspections refer to its id.");
        }

        if (_teams.Count == 0)
        {
            throw new DomainException("Round.NoTeams", "A round needs at least one team.");
        }

        var unassigned = _teams.Where(t => _assignments.All(a => a.TeamId != t.TeamId)).Select(t => t.TeamId).ToList();
        if (unassigned.Count > 0)
        {
            throw new DomainException("Round.TeamWithoutInspector", "Every team needs at least one inspector.", unassigned);
        }

        Status = RoundStatus.Open;
        OpenedAt = utcNow;
        return _assignments
            .Select(a => new Inspection(Id, a.TeamId, a.InspectorId, PlanVersionId, plan.IndicatorsInOrder().Select(i => i.Code)))
            .ToList();
    }

    /// <summary>
    /// Gives an unstarted inspection of this open round to another inspector, who must be free of any conflict of
    /// interest with the team and not already inspect it in this round. The round's assignment follows.
    /// </summary>
    public void Reassign(Inspection inspection, Team team, Person inspector)
    {
        if (Status != RoundStatus.Open)
        {
            throw new DomainException("Round.NotOpen", "Only an inspection of an open round can be reassigned.");
        }

        if (inspection.RoundId != Id || inspection.TeamId != team.Id)
        {
            throw new ArgumentException("The inspection is not this round's inspection of that team.", nameof(inspection));
        }

        EnsureCanInspect(team, inspector);
        if (inspection.InspectorId == inspector.Id)
        {
            return;
        }

        if (_assignments.Any(a => a.TeamId == team.Id && a.InspectorId == inspector.Id))
        {
            throw new DomainException("Round.AlreadyAssigned", "{0} already inspects team {1} in this round.", inspector.DisplayName, team.Name);
        }

        var previous = inspection.InspectorId;
        inspection.Reassign(inspector.Id);
        _assignments.FirstOrDefault(a => a.TeamId == team.Id && a.InspectorId == previous)?.ChangeInspector(inspector.Id);
    }

    /// <summary>The round is open and <paramref name="utcNow"/> falls inside its inspection window (ends included).</summary>
    public bool IsWindowOpen(DateTime utcNow) => IsWindowOpen(Status, WindowOpensAt, WindowClosesAt, utcNow);

    /// <summary>Where <paramref name="inspection"/> of this round stands against the window at <paramref name="utcNow"/>.</summary>
    public SubmissionWindow SubmissionWindowFor(Inspection inspection, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        if (inspection.RoundId != Id)
        {
            throw new ArgumentException("The inspection is not this round's.", nameof(inspection));
        }

        return SubmissionWindowFor(Status, WindowOpensAt, WindowClosesAt, inspection.ReopenReason is not null, utcNow);
    }

    /// <summary>
    /// The window rule, written once: an inspection may be submitted while its round's window is open; once the window
    /// has passed (or the round is closed) only if a manager reopened it, and it is then late. For queries that read the
    /// round's and the inspection's columns rather than the entities.
    /// </summary>
    public static SubmissionWindow SubmissionWindowFor(RoundStatus status, DateTime windowOpensAt, DateTime windowClosesAt, bool reopened, DateTime utcNow)
    {
        if (IsWindowOpen(status, windowOpensAt, windowClosesAt, utcNow))
        {
            return SubmissionWindow.Open;
        }

        if (reopened)
        {
            return SubmissionWindow.Reopened;
        }

        return status == RoundStatus.Closed || utcNow > windowClosesAt ? SubmissionWindow.Closed : SubmissionWindow.NotYetOpen;
    }

    private static bool IsWindowOpen(RoundStatus status, DateTime windowOpensAt, DateTime windowClosesAt, DateTime utcNow) =>
        status == RoundStatus.Open && utcNow >= windowOpensAt && utcNow <= windowClosesAt;

    public void Close(DateTime utcNow)
    {
        if (Status != RoundStatus.Open)
        {
            throw new DomainException("Round.NotOpen", "Only an open round can be closed.");
        }

        Status = RoundStatus.Closed;
        ClosedAt = utcNow;
    }

    private static void EnsureCanInspect(Team team, Person inspector)
    {
        if (inspector.InspectorProfile is null || !inspector.IsActive)
        {
            throw new DomainException("Round.NotAnInspector", "{0} is not an active inspector.", inspector.DisplayName);
        }

        if (team.Involves(inspector.Id))
        {
            throw new DomainException("Round.ConflictOfInterest",
                "{0} leads or belongs to team {1} and cannot inspect it.", inspector.DisplayName, team.Name);
        }

        if (!inspector.MayInspectProject(team.ProjectId))
        {
            throw new DomainException("Round.ProjectNotAllowed",
                "{0} may not inspect the projects of team {1}: their inspector profile lists other projects.", inspector.DisplayName, team.Name);
        }
    }

    private void SetDetails(string name, DateOnly periodStart, DateOnly periodEnd, int planVersionId,
        DateTime windowOpensAt, DateTime windowClosesAt, AggregationMethod aggregation)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Round.NameRequired", "A round needs a name.");
        }

        if (periodEnd < periodStart)
        {
            throw new DomainException("Round.PeriodEndsBeforeStart", "The service period ends before it starts.");
        }

        if (windowClosesAt <= windowOpensAt)
        {
            throw new DomainException("Round.WindowClosesBeforeOpen", "The inspection window must close after it opens.");
        }

        Name = name.Trim();
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        PlanVersionId = planVersionId;
        WindowOpensAt = windowOpensAt;
        WindowClosesAt = windowClosesAt;
        Aggregation = aggregation;
    }

    private void EnsureDraft()
    {
        if (Status != RoundStatus.Draft)
        {
            throw new DomainException("Round.NotDraft", "The round is already open: its teams and inspectors are fixed.");
        }
    }
}

public sealed class RoundTeam
{
    private RoundTeam()
    {
    }

    public RoundTeam(int teamId) => TeamId = teamId;

    public int Id { get; private set; }

    public int TeamId { get; private set; }
}

public sealed class RoundAssignment
{
    private RoundAssignment()
    {
    }

    public RoundAssignment(int teamId, int inspectorId)
    {
        TeamId = teamId;
        InspectorId = inspectorId;
    }

    public int Id { get; private set; }

    public int TeamId { get; private set; }

    public int InspectorId { get; private set; }

    internal void ChangeInspector(int inspectorId) => InspectorId = inspectorId;
}
