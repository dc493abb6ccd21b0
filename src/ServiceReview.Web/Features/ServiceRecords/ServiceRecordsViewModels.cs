using System.ComponentModel.DataAnnotations;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Web.Features.ServiceRecords.Import;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>The filter of a team's record list (query string).</summary>
public sealed class RecordFilter
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public ServiceRequestType? Type { get; set; }

    public ServiceChannel? Channel { get; set; }

    public string? Q { get; set; }

    public RecordSlice Slice { get; set; } = RecordSlice.All;

    public int Page { get; set; } = 1;

    /// <summary>
    /// Judge the records as they stood at this instant instead of now (never later than now): what an inspection's
    /// measured figures counted when they were taken (the record page links here with it).
    /// </summary>
    public DateTimeOffset? AsOf { get; set; }
}

public sealed record TeamsViewModel(IReadOnlyList<TeamHeading> Teams);

/// <summary>
/// A measured figure on the list page, with the slices behind its numerator and denominator; <see cref="Code"/> is the
/// indicator it fills in the team's plan, null when that plan does not measure it.
/// </summary>
public sealed record FigureCard(MeasuredMetric Metric, string? Code, MeasuredFigure Figure, RecordSlice Numerator, RecordSlice Denominator, bool IsCount);

public sealed record TeamRecordsViewModel(
    TeamHeading Team,
    RecordFilter Filter,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<FigureCard> Figures,
    RecordPage Page,
    TimeZoneInfo Zone,
    bool CanEdit,
    bool CanSetLimits,
    string LimitsText)
{
    /// <summary>The team's latest background imports (shown to those who may edit the team's records).</summary>
    public IReadOnlyList<ServiceReview.Web.Features.ServiceRecords.Import.Background.ImportJobSummary> RecentImports { get; init; } = [];
}

/// <summary>The add/edit form. Times are in the project's local time.</summary>
public sealed class RecordForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100)]
    [Display(Name = "Records.Field.TicketId")]
    public string TicketId { get; set; } = "";

    [StringLength(200)]
    [Display(Name = "Records.Field.Customer")]
    public string? Customer { get; set; }

    [Display(Name = "Records.Field.Channel")]
    public ServiceChannel? Channel { get; set; }

    [Display(Name = "Records.Field.Type")]
    public ServiceRequestType? Type { get; set; }

    [StringLength(2000)]
    [Display(Name = "Records.Field.Summary")]
    public string? Summary { get; set; }

    [Display(Name = "Records.Field.ReceivedAt")]
    public DateTime? ReceivedAt { get; set; }

    [Display(Name = "Records.Field.FirstResponseAt")]
    public DateTime? FirstResponseAt { get; set; }

    [Display(Name = "Records.Field.ResolvedAt")]
    public DateTime? ResolvedAt { get; set; }

    [Display(Name = "Records.Field.ResolvedAtFirstContact")]
    public bool? ResolvedAtFirstContact { get; set; }

    [StringLength(100)]
    [Display(Name = "Records.Field.Handler")]
    public string? Handler { get; set; }

    [Display(Name = "Records.Field.ClosedAt")]
    public DateTime? ClosedAt { get; set; }

    [Display(Name = "Records.Field.ArchivedAt")]
    public DateTime? ArchivedAt { get; set; }

    /// <summary>The record's last-change time (UTC ticks) when the form was loaded: the concurrency check.</summary>
    public long LoadedTicks { get; set; }
}

public sealed record RecordFormViewModel(TeamHeading Team, int? RecordId, RecordForm Form);

public sealed record ImportViewModel(TeamHeading Team, ImportResult? Result, string? FileName, bool Partial);

/// <summary>The progress page of a background import.</summary>
public sealed record ImportProgressViewModel(TeamHeading Team, ImportJob Job);

/// <summary>A project's time limits (hours) and optional working calendar.</summary>
public sealed class LimitsForm
{
    [Range(typeof(decimal), "0.01", "10000", ErrorMessage = "Records.Limits.Positive")]
    [Display(Name = "Records.Limits.FirstResponse")]
    public decimal FirstResponseHours { get; set; }

    [Range(typeof(decimal), "0.01", "10000", ErrorMessage = "Records.Limits.Positive")]
    [Display(Name = "Records.Limits.Resolution")]
    public decimal ResolutionHours { get; set; }

    [Range(typeof(decimal), "0.01", "10000", ErrorMessage = "Records.Limits.Positive")]
    [Display(Name = "Records.Limits.Archive")]
    public decimal ArchiveHours { get; set; }

    public bool UseCalendar { get; set; }

    public List<DayOfWeek> Days { get; set; } = [];

    public TimeOnly DayStart { get; set; } = new(9, 0);

    public TimeOnly DayEnd { get; set; } = new(18, 0);

    /// <summary>One holiday per line: <c>yyyy-MM-dd</c> and an optional name.</summary>
    [Display(Name = "Records.Limits.Holidays")]
    public string? Holidays { get; set; }

    public int? ReturnTeamId { get; set; }
}

public sealed record LimitsViewModel(int ProjectId, string ProjectName, LimitsForm Form);
