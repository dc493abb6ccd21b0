using System.ComponentModel.DataAnnotations;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Features.Inspections;

namespace ServiceReview.Web.Features.Analytics.Calibration;

public sealed class CalibrationIndexViewModel
{
    public required bool IsManager { get; init; }

    public required Paged<CalibrationSummary> Exercises { get; init; }

    public string? Search { get; init; }
}

/// <summary>The manager's form for a new exercise.</summary>
public sealed class CalibrationForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200)]
    [Display(Name = "Calibration.Form.Name")]
    public string? Name { get; set; }

    [Display(Name = "Calibration.Form.Team")]
    public int TeamId { get; set; }

    [Display(Name = "Calibration.Form.Plan")]
    public int PlanVersionId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Calibration.Form.PeriodStart")]
    public DateOnly? PeriodStart { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Calibration.Form.PeriodEnd")]
    public DateOnly? PeriodEnd { get; set; }

    public bool CountsTowardBias { get; set; }

    public List<int> InspectorIds { get; set; } = [];
}

public sealed class CalibrationCreateViewModel
{
    public required CalibrationForm Form { get; init; }

    public required CalibrationChoices Choices { get; init; }
}

/// <summary>One exercise: who has scored, the score form (for a participant who has not), reveal (manager), the spread.</summary>
public sealed class CalibrationDetailsViewModel
{
    public required CalibrationView View { get; init; }

    public required int? MyPersonId { get; init; }

    /// <summary>The inputs shown back after a refused submit, by indicator code.</summary>
    public IReadOnlyDictionary<string, ItemForm> Items { get; init; } = new Dictionary<string, ItemForm>();
}
