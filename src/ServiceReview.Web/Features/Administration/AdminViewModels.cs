using System.ComponentModel.DataAnnotations;
using ServiceReview.Core.Organisation;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Features.Administration.People;

namespace ServiceReview.Web.Features.Administration;

public sealed record PeopleIndexViewModel(Paged<PersonListItem> Page, string? Search)
{
    /// <summary>False for a manager: the list is read-only.</summary>
    public bool CanEdit { get; init; } = true;
}

/// <summary>The create/edit form of a person. <see cref="ConcurrencyStamp"/> is the stamp of the person the form was built from.</summary>
public sealed class PersonFormViewModel
{
    public int? Id { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Admin.Validation.TooLong")]
    [Display(Name = "Admin.People.Name")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Admin.Validation.TooLong")]
    [Display(Name = "Admin.People.Email")]
    public string? Email { get; set; }

    [Display(Name = "Admin.People.Roles")]
    public List<string> Roles { get; set; } = [];

    [Display(Name = "Admin.People.InspectorType")]
    public InspectorType? InspectorType { get; set; }

    [Range(0, 70, ErrorMessage = "Admin.People.YearsOutOfRange")]
    [Display(Name = "Admin.People.Years")]
    public int? YearsOfExperience { get; set; }

    /// <summary>The projects the inspector may inspect; none chosen: any project.</summary>
    [Display(Name = "Admin.People.InspectableProjects")]
    public List<int> InspectableProjectIds { get; set; } = [];

    [Display(Name = "Admin.People.HasAccount")]
    public bool HasAccount { get; set; }

    /// <summary>Empty: the system makes a one-time password. Only on create (and when an account is added).</summary>
    [Display(Name = "Admin.People.Password")]
    public string? Password { get; set; }

    public bool IsEdit => Id is not null;

    /// <summary>Set on edit: whether the person already has an account (it cannot be removed, only disabled).</summary>
    public bool AccountExists { get; set; }

    public bool IsActive { get; set; } = true;

    public bool MustChangePassword { get; set; }

    public IReadOnlyList<string> Teams { get; set; } = [];

    /// <summary>Every project, to choose those the inspector may inspect.</summary>
    public IReadOnlyList<ProjectOption> Projects { get; set; } = [];

    /// <summary>False for a manager, who sees the person read-only.</summary>
    public bool CanEdit { get; set; } = true;

    public PersonInput ToInput() => new(DisplayName ?? "", Email ?? "", Roles.Distinct().ToList(), InspectorType, InspectorType is null ? null : YearsOfExperience ?? 0, HasAccount, string.IsNullOrWhiteSpace(Password) ? null : Password)
    {
        InspectableProjectIds = InspectorType is null ? [] : InspectableProjectIds.Distinct().ToList(),
    };

    public static PersonFormViewModel From(PersonDetails d) => new()
    {
        Id = d.Id,
        ConcurrencyStamp = d.Stamp,
        DisplayName = d.Input.DisplayName,
        Email = d.Input.Email,
        Roles = [.. d.Input.Roles],
        InspectorType = d.Input.InspectorType,
        YearsOfExperience = d.Input.YearsOfExperience,
        InspectableProjectIds = [.. d.Input.InspectableProjectIds],
        HasAccount = d.Input.HasAccount,
        AccountExists = d.Input.HasAccount,
        IsActive = d.IsActive && !d.AccountDisabled,
        MustChangePassword = d.MustChangePassword,
        Teams = d.Teams,
    };
}

public sealed class ProjectFormViewModel
{
    public int? Id { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Admin.Validation.TooLong")]
    [Display(Name = "Admin.Projects.Name")]
    public string? Name { get; set; }

    [StringLength(200, ErrorMessage = "Admin.Validation.TooLong")]
    [Display(Name = "Admin.Projects.Customer")]
    public string? Customer { get; set; }

    [Display(Name = "Admin.Projects.ContractStart")]
    public DateOnly? ContractStart { get; set; }

    [Display(Name = "Admin.Projects.ContractEnd")]
    public DateOnly? ContractEnd { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Admin.Projects.FirstResponseHours")]
    public decimal? FirstResponseHours { get; set; } = ServiceLimits.Default.FirstResponseHours;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Admin.Projects.ResolutionHours")]
    public decimal? ResolutionHours { get; set; } = ServiceLimits.Default.ResolutionHours;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Admin.Projects.ArchiveHours")]
    public decimal? ArchiveHours { get; set; } = ServiceLimits.Default.ArchiveHours;

    [Display(Name = "Admin.Projects.TimeZone")]
    public string TimeZoneId { get; set; } = Project.DefaultTimeZoneId;

    public bool HasCalendar { get; set; }

    [Display(Name = "Admin.Projects.Managers")]
    public List<int> ManagerIds { get; set; } = [];

    /// <summary>People who may be chosen as managers (only an administrator chooses; a manager sees the names).</summary>
    public IReadOnlyList<PersonOption> ManagerOptions { get; set; } = [];

    /// <summary>True for an administrator; a manager edits the project but not its managers.</summary>
    public bool CanSetManagers { get; set; } = true;

    public bool IsEdit => Id is not null;

    public ProjectInput ToInput() => new(Name ?? "", Customer ?? "", ContractStart, ContractEnd,
        FirstResponseHours ?? 0, ResolutionHours ?? 0, ArchiveHours ?? 0, string.IsNullOrWhiteSpace(TimeZoneId) ? Project.DefaultTimeZoneId : TimeZoneId.Trim())
    {
        ManagerIds = ManagerIds.Distinct().ToList(),
    };

    public static ProjectFormViewModel From(ProjectDetails d) => new()
    {
        Id = d.Id,
        ConcurrencyStamp = d.Stamp,
        Name = d.Input.Name,
        Customer = d.Input.Customer,
        ContractStart = d.Input.ContractStart,
        ContractEnd = d.Input.ContractEnd,
        FirstResponseHours = d.Input.FirstResponseHours,
        ResolutionHours = d.Input.ResolutionHours,
        ArchiveHours = d.Input.ArchiveHours,
        TimeZoneId = d.Input.TimeZoneId,
        HasCalendar = d.HasCalendar,
        ManagerIds = [.. d.Input.ManagerIds],
    };
}

public sealed record ProjectsIndexViewModel(Paged<ProjectListItem> Page, string? Search, bool CanCreate);

public sealed record TeamsIndexViewModel(Paged<TeamListItem> Page, string? Search, int? ProjectId, IReadOnlyList<ProjectOption> Projects);

public sealed class TeamFormViewModel
{
    public int? Id { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Admin.Teams.Project")]
    public int? ProjectId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Admin.Validation.TooLong")]
    [Display(Name = "Admin.Teams.Name")]
    public string? Name { get; set; }

    [Display(Name = "Admin.Teams.Lead")]
    public int? LeadId { get; set; }

    [Display(Name = "Admin.Teams.Members")]
    public List<int> MemberIds { get; set; } = [];

    public bool IsEdit => Id is not null;

    public IReadOnlyList<ProjectOption> Projects { get; set; } = [];

    public IReadOnlyList<PersonOption> People { get; set; } = [];

    /// <summary>True for an administrator, who may create the project a team needs (the form links to it).</summary>
    public bool CanCreateProjects { get; set; }

    public TeamInput ToInput() => new(ProjectId ?? 0, Name ?? "", LeadId, MemberIds.Distinct().ToList());

    public static TeamFormViewModel From(TeamDetails d) => new()
    {
        Id = d.Id,
        ConcurrencyStamp = d.Stamp,
        ProjectId = d.Input.ProjectId,
        Name = d.Input.Name,
        LeadId = d.Input.LeadId,
        MemberIds = [.. d.Input.MemberIds],
    };
}

/// <summary>What the import page shows: the problems of the last file, or what it created with the one-time passwords.</summary>
public sealed record ImportViewModel(OrganisationImportResult? Result, string? FileName);

public sealed class ChangePasswordViewModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Admin.ChangePassword.Current")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Admin.ChangePassword.New")]
    public string? NewPassword { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Admin.ChangePassword.Mismatch")]
    [Display(Name = "Admin.ChangePassword.Confirm")]
    public string? ConfirmPassword { get; set; }

    public bool Required { get; set; }
}
