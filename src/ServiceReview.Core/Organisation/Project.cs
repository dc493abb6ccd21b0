using ServiceReview.Core.Common;

namespace ServiceReview.Core.Organisation;

/// <summary>A project (项目) of the organisation, with the customer it serves and its service-record time limits.</summary>
public sealed class Project : Entity
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

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
