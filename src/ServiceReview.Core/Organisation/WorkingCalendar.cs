using ServiceReview.Core.Common;

namespace ServiceReview.Core.Organisation;

/// <summary>Days of the week on which a project works.</summary>
[Flags]
public enum WorkDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
}

/// <summary>A project's working time: work days, daily hours, and holiday dates (法定节假日) that are not worked.</summary>
public sealed class WorkingCalendar
{
    private readonly List<Holiday> _holidays = [];

    private WorkingCalendar()
    {
    }

    public WorkingCalendar(WorkDays days, TimeOnly dayStart, TimeOnly dayEnd, IEnumerable<Holiday>? holidays = null)
    {
        if (days == WorkDays.None)
        {
            throw new DomainException("Calendar.NoWorkDays", "A working calendar needs at least one work day.");
        }

        if (dayEnd <= dayStart)
        {
            throw new DomainException("Calendar.DayEndsBeforeStart", "The working day must end after it starts.");
        }

        Days = days;
        DayStart = dayStart;
        DayEnd = dayEnd;
        _holidays.AddRange(holidays ?? []);
    }

    public WorkDays Days { get; private set; }

    public TimeOnly DayStart { get; private set; }

    public TimeOnly DayEnd { get; private set; }

    public IReadOnlyList<Holiday> Holidays => _holidays;

    /// <summary>The <see cref="WorkDays"/> flag of a day of the week.</summary>
    public static WorkDays FlagOf(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => WorkDays.Monday,
        DayOfWeek.Tuesday => WorkDays.Tuesday,
        DayOfWeek.Wednesday => WorkDays.Wednesday,
        DayOfWeek.Thursday => WorkDays.Thursday,
        DayOfWeek.Friday => WorkDays.Friday,
        DayOfWeek.Saturday => WorkDays.Saturday,
        _ => WorkDays.Sunday,
    };

    public bool IsWorkingDay(DateOnly date) => Days.HasFlag(FlagOf(date.DayOfWeek)) && _holidays.All(h => h.Date != date);
}

public sealed record Holiday(DateOnly Date, string? Name);
