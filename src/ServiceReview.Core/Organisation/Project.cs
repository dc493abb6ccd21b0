using ServiceReview.Core.Common;

namespace ServiceReview.Core.Organisation;

/// <summary>A project (项目) of the organisation, with the customer it serves and its service-record time limits.</summary>
public sealed class Project : Entity, IConcurrencyStamped
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    private readonly List<ProjectManager> _managers = [];

    private Project()
    {
    }

    public Project(string name, string customer, string timeZoneId = DefaultTimeZoneId)
    {
        Rename(name, customer);
        TimeZoneId = string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZoneId : timeZoneId;
    }

    public string Name { get; private set; } = "";

    public string Customer { get; private set; } = "";

    /// <summary>IANA time zone in which service-record times are read and periods are cut (default Asia/Shanghai).</summary>
    public string TimeZoneId { get; private set; } = DefaultTimeZoneId;

    public DateOnly? ContractStart { get; private set; }

    public DateOnly? ContractEnd { get; private set; }

    public ServiceLimits Limits { get; private set; } = ServiceLimits.Default;

    /// <summary>Null: durations are calendar hours. Set: durations count only working time.</summary>
    public WorkingCalendar? Calendar { get; private set; }

    public bool IsArchived { get; private set; }

    /// <summary>The people who manage this project (项目考评经理): they administer it and its teams.</summary>
    public IReadOnlyList<ProjectManager> Managers => _managers;

    public IReadOnlyList<int> ManagerIds => _managers.Select(m => m.PersonId).ToList();

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public void Rename(string name, string customer)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Project.NameRequired", "A project needs a name.");
        }

        Name = name.Trim();
        Customer = customer?.Trim() ?? "";
    }

    public void SetContractPeriod(DateOnly? start, DateOnly? end)
    {
        if (start is not null && end is not null && end < start)
        {
            throw new DomainException("Project.ContractEndBeforeStart", "The contract ends before it starts.");
        }

        ContractStart = start;
        ContractEnd = end;
    }

    public void SetLimits(ServiceLimits limits) => Limits = limits;

    public void UseCalendar(WorkingCalendar? calendar) => Calendar = calendar;

    public void Archive() => IsArchived = true;

    /// <summary>
    /// Replaces the project's managers. Each must be an active person with a sign-in account that holds the Manager
    /// role (<paramref name="holdsManagerRole"/> answers that, since roles live with the accounts).
    /// </summary>
    public void SetManagers(IEnumerable<Person> people, Func<Person, bool> holdsManagerRole)
    {
        ArgumentNullException.ThrowIfNull(holdsManagerRole);
        var managers = people.DistinctBy(p => p.Id).ToList();
        foreach (var person in managers)
        {
            if (!person.IsActive || person.UserId is null || !holdsManagerRole(person))
            {
                throw new DomainException("Project.ManagerNotAManager",
                    "{0} cannot manage a project: only an active person whose account has the Manager role can.", person.DisplayName);
            }
        }

        var wanted = managers.Select(p => p.Id).ToHashSet();
        _managers.RemoveAll(m => !wanted.Contains(m.PersonId));
        foreach (var id in wanted.Where(id => _managers.All(m => m.PersonId != id)))
        {
            _managers.Add(new ProjectManager(id));
        }
    }

    /// <summary>True when the person is one of this project's managers.</summary>
    public bool IsManagedBy(int personId) => _managers.Any(m => m.PersonId == personId);
}

/// <summary>A person who manages a project (a row of the project's manager list).</summary>
public sealed class ProjectManager
{
    private ProjectManager()
    {
    }

    public ProjectManager(int personId) => PersonId = personId;

    public int PersonId { get; private set; }
}

/// <summary>Time limits for service records, in hours (calendar or working, see <see cref="Project.Calendar"/>).</summary>
public sealed record ServiceLimits
{
    public static readonly ServiceLimits Default = new(2, 24, 48);

    private ServiceLimits()
    {
    }

    public ServiceLimits(decimal firstResponseHours, decimal resolutionHours, decimal archiveHours)
    {
        if (firstResponseHours <= 0 || resolutionHours <= 0 || archiveHours <= 0)
        {
            throw new DomainException("Project.LimitNotPositive", "Every time limit must be more than 0 hours.");
        }

        FirstResponseHours = firstResponseHours;
        ResolutionHours = resolutionHours;
        ArchiveHours = archiveHours;
    }

    public decimal FirstResponseHours { get; private set; }

    public decimal ResolutionHours { get; private set; }

    public decimal ArchiveHours { get; private set; }
}
